package io.rollstream.actor.policy;

import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code rl-policy-versions-v1} on its own thread: for the newest version of one policy it locates
 * the weights, verifies size and sha256, loads them into a fresh model and hands that over. Loading happens
 * here, never on the generation thread; the generation loop takes the handed-over model between batches and
 * closes the one it replaces. A version that fails verification is logged and dropped, and the old one serves on.
 */
public final class PolicyFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String policyName;
    private final WeightsLocator locator;
    private final DeviceChoice device;
    private final CharTokenizer tokenizer;
    private final Clock clock;

    private final Object handover = new Object();
    private LoadedPolicy pending; // guarded by handover
    private volatile long highestTried;
    private volatile long latestPublished;
    private volatile LoadOutcome.Loaded lastLoaded;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running;
    private volatile Consumer<String, PolicyVersion> consumer;
    private Thread thread;

    public PolicyFollower(String policyName, WeightsLocator locator, DeviceChoice device, CharTokenizer tokenizer,
            Clock clock) {
        this.policyName = Objects.requireNonNull(policyName, "policyName");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.device = Objects.requireNonNull(device, "device");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts following on a daemon thread with {@code versions}, a consumer this follower now owns and closes.
     * It reads the whole (compacted) topic from the beginning, so the latest version is found on startup.
     */
    public synchronized void start(Consumer<String, PolicyVersion> versions, String threadName) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        consumer = Objects.requireNonNull(versions, "versions");
        running = true;
        thread = new Thread(this::follow, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        Consumer<String, PolicyVersion> versions = consumer;
        try (versions) {
            List<TopicPartition> partitions = versions.partitionsFor(Topics.POLICY_VERSIONS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            versions.assign(partitions);
            versions.seekToBeginning(partitions);
            while (running) {
                newestOf(poll(versions)).ifPresent(this::offer);
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (RuntimeException | Error e) {
            // The broker or registry failing is an infrastructure fault: surface it so the actor stops.
            LOG.error("policy follower for '{}' failed", policyName, e);
            fail(e);
        }
    }

    private void fail(Throwable e) {
        failure.compareAndSet(null, e);
        synchronized (handover) {
            handover.notifyAll(); // wake anyone awaiting a first version: none will come
        }
    }

    private ConsumerRecords<String, PolicyVersion> poll(Consumer<String, PolicyVersion> versions) {
        try {
            return versions.poll(POLL);
        } catch (RecordDeserializationException e) {
            // An unreadable version record cannot name weights we could trust; skip past it.
            LOG.warn("skipping unreadable policy version record at {}@{}: {}",
                    e.topicPartition(), e.offset(), e.getMessage());
            versions.seek(e.topicPartition(), e.offset() + 1);
            return ConsumerRecords.empty();
        }
    }

    private Optional<PolicyVersion> newestOf(ConsumerRecords<String, PolicyVersion> records) {
        PolicyVersion newest = null;
        for (ConsumerRecord<String, PolicyVersion> record : records) {
            PolicyVersion version = record.value();
            if (version != null && policyName.equals(version.getPolicyName())
                    && (newest == null || version.getVersion() > newest.getVersion())) {
                newest = version;
            }
        }
        return Optional.ofNullable(newest);
    }

    /**
     * Verifies and loads {@code version} when it is newer than every version tried so far, on the calling
     * thread, and hands it over; a rejected version leaves whatever is serving or pending untouched.
     */
    public LoadOutcome offer(PolicyVersion version) {
        if (!policyName.equals(version.getPolicyName())) {
            throw new IllegalArgumentException("version of policy '" + version.getPolicyName()
                    + "' offered to the follower of '" + policyName + "'");
        }
        latestPublished = Math.max(latestPublished, version.getVersion());
        if (version.getVersion() <= highestTried) {
            return new LoadOutcome.Skipped(version.getVersion());
        }
        highestTried = version.getVersion();
        Instant start = clock.instant();
        LoadedPolicy loaded;
        try {
            loaded = load(version);
        } catch (IOException | RuntimeException e) {
            rejected.incrementAndGet();
            LOG.error("rejected {} v{} ({}): {}; the current version keeps serving",
                    policyName, version.getVersion(), version.getWeightsUri(), e.getMessage());
            return new LoadOutcome.Rejected(version.getVersion(), e.getMessage());
        }
        LoadedPolicy replaced;
        synchronized (handover) {
            replaced = pending;
            pending = loaded;
            handover.notifyAll();
        }
        if (replaced != null) {
            replaced.close(); // never taken by the generation loop, so nobody else holds it
        }
        Duration loadTime = Duration.between(start, loaded.loadedAt());
        LOG.info("loaded {} in {} ms", loaded, loadTime.toMillis());
        LoadOutcome.Loaded outcome = new LoadOutcome.Loaded(version.getVersion(), loaded.loadedAt(), loadTime);
        lastLoaded = outcome;
        return outcome;
    }

    private LoadedPolicy load(PolicyVersion version) throws IOException {
        Path file = locator.locate(version);
        long size = Files.size(file);
        if (size != version.getSizeBytes()) {
            throw new IOException("weights file " + file + " has " + size + " bytes, the version says "
                    + version.getSizeBytes());
        }
        ModelConfig declared = ModelConfig.fromJson(version.getModelConfig());
        // Hashing happens in the same pass as reading, and a mismatch closes the half-built model.
        PolicyModel model = PolicyModel.load(file, version.getSha256(), device);
        try {
            if (!model.config().equals(declared)) {
                throw new IOException("weights file holds " + model.config() + " but the version declares " + declared);
            }
            return new LoadedPolicy(policyName, version.getVersion(), model, tokenizer, clock.instant(),
                    LoadedPolicy.trainsCritic(version.getAlgorithm()));
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The newest loaded version not yet taken, handing its ownership to the caller. */
    public Optional<LoadedPolicy> takeLoaded() {
        synchronized (handover) {
            LoadedPolicy taken = pending;
            pending = null;
            return Optional.ofNullable(taken);
        }
    }

    /** Waits up to {@code timeout} for a loaded version to take; empty on timeout or when the follower failed. */
    public Optional<LoadedPolicy> awaitLoaded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (handover) {
            while (pending == null && failure.get() == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                handover.wait(Math.max(1, left / 1_000_000));
            }
            LoadedPolicy taken = pending;
            pending = null;
            return Optional.ofNullable(taken);
        }
    }

    /** Highest version of this policy seen on the topic, loadable or not; 0 before any. */
    public long latestPublished() {
        return latestPublished;
    }

    /** The most recent successful load, e.g. to measure publish-to-ready latency. */
    public Optional<LoadOutcome.Loaded> lastLoaded() {
        return Optional.ofNullable(lastLoaded);
    }

    /** Number of versions rejected so far. */
    public long rejectedCount() {
        return rejected.get();
    }

    /** The fault that stopped the follower's thread, if any. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Stops the thread, closes its consumer and any loaded version nobody took. */
    @Override
    public void close() {
        Thread following;
        synchronized (this) {
            running = false;
            following = thread;
        }
        if (following != null) {
            consumer.wakeup();
            try {
                following.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        takeLoaded().ifPresent(LoadedPolicy::close);
    }
}
