package io.rollstream.learner.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.replay.ReplayBuffer;
import io.rollstream.learner.replay.ReplayBufferConfig;
import io.rollstream.learner.train.LearnerModels;
import io.rollstream.learner.train.PolicyGradientUpdate;
import io.rollstream.learner.train.SequenceBuilder;
import io.rollstream.learner.train.TrainingSequence;
import io.rollstream.learner.train.TrajectoryFixtures;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.schemas.avro.Trajectory;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    @Test
    void shouldRestoreWeightsOptimiserReplayAndPositionExactly() throws IOException {
        LearnerConfig config = LearnerConfig.ppo().toBuilder().batchEpisodes(2).build();
        SequenceBuilder builder = new SequenceBuilder(TrajectoryFixtures.TOKENIZER);
        List<TrainingSequence> batch = List.of(
                builder.build(TrajectoryFixtures.twoAttempts("e1", "\\boxed{6}", "\\boxed{5}", 1L)),
                builder.build(TrajectoryFixtures.single("e2", "e2", 1, "\\boxed{3}", -0.5f, 1L)));
        Trajectory pending = TrajectoryFixtures.single("g-1", "g", 8, "\\boxed{2}", 1f, 1L);
        CheckpointState state = new CheckpointState(3, 2, Map.of(0, 17L, 3, 4L),
                new AssemblerSnapshot(List.of(new AssemblerSnapshot.Group("g", 8, 1, List.of(pending))),
                        List.of(List.of(TrajectoryFixtures.single("e3", "e3", 1, "x", 1f, 1L))), 2),
                Map.of("trajectories/used", 12L), Map.of("updates.jsonl", 120L));
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"));
        ReplayBuffer replay = new ReplayBuffer(ReplayBufferConfig.defaults());

        try (LearnerModels models = LearnerModels.create(
                PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 3L), null, 1e-3f)) {
            new PolicyGradientUpdate(config, models).run(batch, 0);
            Checkpoint.write(store, models, replay, state);
            Checkpoint.Restored restored = Checkpoint.read(store.latest().orElseThrow(), DeviceChoice.CPU, 1e-3f,
                    ReplayBufferConfig.defaults());
            try (LearnerModels back = restored.models()) {
                assertSameWeights(models.policy(), back.policy());
                assertSameWeights(models.reference(), back.reference());
                assertArrayEquals(optimizerBytes(models), optimizerBytes(back));
                assertTrue(back.optimizer().names().length > 0);
                // The trained policy moved away from its reference; both were kept separately.
                assertTrue(differs(back.policy(), back.reference()));
            }
            CheckpointState s = restored.state();
            assertEquals(state.update(), s.update());
            assertEquals(state.version(), s.version());
            assertEquals(state.offsets(), s.offsets());
            assertEquals(state.counters(), s.counters());
            assertEquals(state.logLengths(), s.logLengths());
            assertEquals(pending, s.assembler().pending().get(0).kept().get(0));
            assertEquals(1, s.assembler().pending().get(0).dropped());
            assertEquals("e3", s.assembler().ready().get(0).get(0).getEpisodeId());
            assertEquals(2, s.assembler().discardedGroups());
        }
    }

    @Test
    void shouldPointLatestAtTheNewestCompleteCheckpointAndKeepOnlyTwo() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        for (long update = 1; update <= 3; update++) {
            Path tmp = store.begin(update);
            Files.writeString(tmp.resolve("state.json"), "{}");
            store.commit(tmp, update);
        }
        store.begin(4); // a crash while writing checkpoint 4 leaves only a temporary directory
        assertTrue(store.latest().orElseThrow().endsWith("ckpt-000000000003"));
        try (var dirs = Files.list(dir)) {
            assertEquals(2, dirs.filter(p -> p.getFileName().toString().startsWith("ckpt-")).count());
        }
    }

    private static byte[] optimizerBytes(LearnerModels models) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            models.optimizer().save(out);
        }
        return bytes.toByteArray();
    }

    private static void assertSameWeights(PolicyModel a, PolicyModel b) {
        List<Parameter> pa = a.block().getParameters().values();
        List<Parameter> pb = b.block().getParameters().values();
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i).getArray().toFloatArray(), pb.get(i).getArray().toFloatArray());
        }
    }

    private static boolean differs(PolicyModel a, PolicyModel b) {
        List<Parameter> pa = a.block().getParameters().values();
        List<Parameter> pb = b.block().getParameters().values();
        for (int i = 0; i < pa.size(); i++) {
            if (!java.util.Arrays.equals(pa.get(i).getArray().toFloatArray(), pb.get(i).getArray().toFloatArray())) {
                return true;
            }
        }
        return false;
    }
}
