package io.rollstream.actor.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.model.WeightsFile;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.weights.LocalWeightsStore;
import io.rollstream.policy.weights.Stored;
import io.rollstream.schemas.avro.PolicyVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFollowerTest {

    private static final ModelConfig TINY = ModelConfig.preset("tiny");

    @TempDir
    Path dir;

    private LocalWeightsStore store;
    private PolicyFollower follower;

    @BeforeEach
    void createFollower() {
        store = new LocalWeightsStore(dir.resolve("store"));
        follower = new PolicyFollower("default", new WeightsLocator(store), DeviceChoice.CPU,
                CharTokenizer.standard(), Clock.systemUTC());
    }

    @AfterEach
    void closeFollower() {
        follower.close();
    }

    private Stored storeWeights(long seed) throws IOException {
        Path file = dir.resolve("weights-" + seed + ".bin");
        try (PolicyModel model = PolicyModel.create(TINY, DeviceChoice.CPU, seed)) {
            WeightsFile saved = model.save(file);
            assertEquals(Files.size(file), saved.sizeBytes());
        }
        return store.put(file);
    }

    private static PolicyVersion version(long version, Stored stored, String sha256) {
        return PolicyVersion.newBuilder()
                .setPolicyName("default")
                .setVersion(version)
                .setWeightsUri(stored.uri().toString())
                .setSha256(sha256)
                .setSizeBytes(stored.sizeBytes())
                .setParentVersion(version > 1 ? version - 1 : null)
                .setModelConfig(TINY.toJson())
                .setAlgorithm("SFT")
                .setTrainingStep(version * 10)
                .setMetrics(Map.of())
                .setCreatedAt(Instant.now())
                .build();
    }

    @Test
    void shouldLoadAVerifiedVersionAndHandItOverOnce() throws Exception {
        Stored stored = storeWeights(1);

        LoadOutcome outcome = follower.offer(version(1, stored, stored.sha256()));

        assertInstanceOf(LoadOutcome.Loaded.class, outcome);
        try (LoadedPolicy loaded = follower.awaitLoaded(Duration.ofSeconds(1)).orElseThrow()) {
            assertEquals(1, loaded.version());
            assertEquals(TINY, loaded.model().config());
        }
        assertTrue(follower.takeLoaded().isEmpty(), "a version is handed over only once");
    }

    @Test
    void shouldRejectWeightsWhoseSha256DoesNotMatchAndKeepServingTheOldVersion() throws Exception {
        Stored good = storeWeights(1);
        Stored other = storeWeights(2);
        follower.offer(version(1, good, good.sha256()));
        LoadedPolicy serving = follower.takeLoaded().orElseThrow();
        try (serving) {
            // Version 2 points at real weights of the same size but claims another file's hash.
            LoadOutcome outcome = follower.offer(version(2, other, good.sha256()));

            LoadOutcome.Rejected rejected = assertInstanceOf(LoadOutcome.Rejected.class, outcome);
            assertTrue(rejected.reason().contains("sha256"), rejected.reason());
            assertEquals(Optional.empty(), follower.takeLoaded(), "nothing replaces the serving version");
            assertEquals(1, follower.rejectedCount());
            assertEquals(2, follower.latestPublished(), "the lag stays visible");
            assertEquals(1, serving.version());
            assertTrue(serving.generator() != null && serving.model().parameterCount() > 0, "old model still open");
        }
    }

    @Test
    void shouldRejectAVersionWhoseFileHasTheWrongSize() throws Exception {
        Stored stored = storeWeights(1);
        PolicyVersion wrongSize = PolicyVersion.newBuilder(version(1, stored, stored.sha256()))
                .setSizeBytes(stored.sizeBytes() + 1).build();

        LoadOutcome outcome = follower.offer(wrongSize);

        assertInstanceOf(LoadOutcome.Rejected.class, outcome);
        assertTrue(follower.takeLoaded().isEmpty());
    }

    @Test
    void shouldFindWeightsInTheLocalStoreWhenTheUriPointsElsewhere() throws Exception {
        Stored stored = storeWeights(1);
        PolicyVersion moved = PolicyVersion.newBuilder(version(1, stored, stored.sha256()))
                .setWeightsUri(dir.resolve("elsewhere/missing.bin").toUri().toString()).build();

        assertInstanceOf(LoadOutcome.Loaded.class, follower.offer(moved));
    }

    @Test
    void shouldSkipVersionsNotNewerThanOnesAlreadyTriedAndKeepOnlyTheNewestPending() throws Exception {
        Stored first = storeWeights(1);
        Stored second = storeWeights(2);

        assertInstanceOf(LoadOutcome.Loaded.class, follower.offer(version(1, first, first.sha256())));
        assertInstanceOf(LoadOutcome.Loaded.class, follower.offer(version(2, second, second.sha256())));
        assertInstanceOf(LoadOutcome.Skipped.class, follower.offer(version(1, first, first.sha256())));

        try (LoadedPolicy pending = follower.takeLoaded().orElseThrow()) {
            assertEquals(2, pending.version(), "the never-taken version 1 was replaced (and closed)");
        }
    }

    @Test
    void shouldRefuseUriSchemesItCannotRead() throws Exception {
        Stored stored = storeWeights(1);
        PolicyVersion remote = PolicyVersion.newBuilder(version(1, stored, stored.sha256()))
                .setWeightsUri("s3://bucket/weights.bin").build();

        LoadOutcome.Rejected rejected = assertInstanceOf(LoadOutcome.Rejected.class, follower.offer(remote));
        assertTrue(rejected.reason().contains("s3"), rejected.reason());
    }
}
