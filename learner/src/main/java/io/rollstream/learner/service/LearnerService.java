package io.rollstream.learner.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.replay.ReplayBuffer;
import io.rollstream.learner.replay.ReplayState;
import io.rollstream.learner.train.LearnerModels;
import io.rollstream.learner.train.PolicyGradientUpdate;
import io.rollstream.learner.train.SequenceBuilder;
import io.rollstream.learner.train.TrainingSequence;
import io.rollstream.learner.train.UpdateResult;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.weights.LocalWeightsStore;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.protocol.Conversation;
import io.rollstream.schemas.headers.DeadLetter;
import io.rollstream.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learner process: consumes closed episodes, trains PPO or GRPO updates, publishes policy versions and replay
 * prompts, and checkpoints. Its position in the trajectory topic lives in the checkpoint together with the model,
 * optimiser, replay buffer and the trajectories consumed but not yet trained on; on start it seeks there, and
 * it commits offsets to its consumer group only after a checkpoint is durable. A learner killed at any moment
 * and restarted therefore trains on every trajectory exactly once.
 */
public final class LearnerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LearnerService.class);
    /** File of one JSON line per update naming the episodes it trained on. */
    public static final String UPDATES_LOG = "updates.jsonl";
    /** File of one JSON line of metrics per update. */
    public static final String METRICS_LOG = "metrics.jsonl";

    /**
     * Metrics of an update counting its trajectories by staleness: {@code staleness/trajectories-at-2} is how
     * many were trained two versions after the oldest version that generated them.
     */
    public static final String STALENESS_COUNT_PREFIX = "staleness/trajectories-at-";

    /** Metric of an update: seconds the trainer spent on it (the learner's busy time, without waiting to read). */
    public static final String TRAIN_SECONDS = "time/train-seconds";

    private final LearnerConfig config;
    private final ServiceSettings settings;
    private final LearnerClients clients;
    private final LearnerModels models;
    private final ReplayBuffer replay;
    private final LearnerMetrics metrics;
    private final RunLog updatesLog;
    private final RunLog metricsLog;
    private final CheckpointStore checkpoints;
    private final PolicyPublisher publisher;
    private final ReplayPublisher replayPublisher;
    private final PolicyGradientUpdate trainer;
    private final SequenceBuilder sequences = new SequenceBuilder(CharTokenizer.standard());
    private final TrajectoryIntake intake;
    private final GroupAssembler assembler;
    private final Map<Integer, Long> offsets;
    private final List<PolicyVersion> published = new CopyOnWriteArrayList<>();
    private final AtomicLong ownRead = new AtomicLong();
    private final AtomicLong ownKept = new AtomicLong();
    private final AtomicLong ownTrained = new AtomicLong();
    private volatile long update;
    private volatile long version; // read by metric scrapes
    private long lastUpdateNanos = System.nanoTime();
    private long checkpointedUpdate = -1;

    private LearnerService(LearnerConfig config, ServiceSettings settings, LearnerClients clients,
                           LearnerModels models, ReplayBuffer replay, CheckpointState state, MeterRegistry registry)
            throws IOException {
        this.config = config;
        this.settings = settings;
        this.clients = clients;
        this.models = models;
        this.replay = replay;
        this.metrics = new LearnerMetrics(registry, state.counters());
        metrics.track("policy/version", () -> version);
        metrics.track("updates", () -> update);
        metrics.bindClient(clients.trajectories());
        this.update = state.update();
        this.version = state.version();
        this.offsets = new HashMap<>(state.offsets());
        this.assembler = GroupAssembler.restore(config.algorithm().trainsOnGroups(), state.assembler());
        this.updatesLog = RunLog.open(settings.runDir().resolve(UPDATES_LOG), state.logLengths().getOrDefault(UPDATES_LOG, 0L));
        this.metricsLog = RunLog.open(settings.runDir().resolve(METRICS_LOG), state.logLengths().getOrDefault(METRICS_LOG, 0L));
        this.checkpoints = new CheckpointStore(settings.runDir().resolve("checkpoints"));
        this.publisher = new PolicyPublisher(config.policyName(), new LocalWeightsStore(settings.weightsDir()),
                clients.versions(), settings.runDir().resolve("scratch"));
        this.replayPublisher = new ReplayPublisher(clients.prompts(), config.policyName(), config.temperature());
        this.trainer = new PolicyGradientUpdate(config, models);
        this.intake = new TrajectoryIntake(config, sequences, models.policy().config().maxContext(), metrics);
    }

    /**
     * Restores the latest checkpoint of {@code settings.runDir()}, or starts fresh from the newest published
     * version of the policy (publishing a freshly initialised model as version 1 when there is none).
     */
    public static LearnerService open(LearnerConfig config, ServiceSettings settings, MeterRegistry registry)
            throws IOException {
        if (!config.algorithm().streams()) {
            throw new IllegalArgumentException("the streaming learner trains PPO or GRPO; " + config.algorithm()
                    + " runs on its own (SftRun, OfflineRun)");
        }
        LearnerClients clients = new LearnerClients(settings, settings.consumerGroup(config.policyName()));
        try {
            CheckpointStore store = new CheckpointStore(settings.runDir().resolve("checkpoints"));
            Optional<Path> latest = store.latest();
            if (latest.isPresent()) {
                Checkpoint.Restored restored = Checkpoint.read(latest.get(), settings.device(), config.learningRate(),
                        config.replayBuffer());
                LOG.info("resuming from {} at update {}", latest.get(), restored.state().update());
                return new LearnerService(config, settings, clients, restored.models(), restored.replay(),
                        restored.state(), registry);
            }
            return fresh(config, settings, clients, registry);
        } catch (IOException | RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    /** {@link #open(LearnerConfig, ServiceSettings, MeterRegistry)} with a simple in-process meter registry. */
    public static LearnerService open(LearnerConfig config, ServiceSettings settings) throws IOException {
        return open(config, settings, new SimpleMeterRegistry());
    }

    private static LearnerService fresh(LearnerConfig config, ServiceSettings settings, LearnerClients clients,
                                        MeterRegistry registry) throws IOException {
        LocalWeightsStore store = new LocalWeightsStore(settings.weightsDir());
        Optional<PolicyVersion> existing = PolicyVersionReader.latest(clients.versionReader(), config.policyName(),
                Duration.ofSeconds(30));
        PolicyModel policy;
        long version;
        if (existing.isPresent()) {
            PolicyVersion v = existing.get();
            policy = PolicyModel.load(store.get(v.getSha256()), v.getSha256(), settings.device());
            version = v.getVersion();
        } else {
            policy = PolicyModel.create(config.modelPreset().config(), settings.device(), config.seed());
            version = 0;
        }
        LearnerModels models = LearnerModels.create(policy, null, config.learningRate());
        CheckpointState state = new CheckpointState(0, version, Map.of(), new AssemblerSnapshot(List.of(), List.of(), 0),
                Map.of(), Map.of());
        LearnerService service = new LearnerService(config, settings, clients, models,
                new ReplayBuffer(config.replayBuffer()), state, registry);
        if (existing.isEmpty()) {
            service.publisher.publish(policy, 1, null, config.algorithm().name(), 0, Map.of());
            service.version = 1;
        }
        return service;
    }

    /** Consumes and trains until {@code keepRunning} turns false or the configured update limit is reached. */
    public long run(BooleanSupplier keepRunning) throws IOException {
        Consumer<byte[], byte[]> consumer = clients.trajectories();
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRAJECTORIES.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        for (TopicPartition p : partitions) {
            Long next = offsets.get(p.partition());
            if (next != null) {
                consumer.seek(p, next);
            } else if (settings.startAt() != null) {
                OffsetAndTimestamp first = consumer.offsetsForTimes(Map.of(p, settings.startAt().toEpochMilli())).get(p);
                if (first == null) {
                    consumer.seekToEnd(List.of(p));
                    consumer.position(p); // pin "the end" now, not at the first poll
                } else {
                    consumer.seek(p, first.offset());
                }
            } else {
                consumer.seekToBeginning(List.of(p));
            }
        }
        while (keepRunning.getAsBoolean() && !limitReached()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                accept(record);
            }
            int unitsPerUpdate = config.algorithm().trainsOnGroups() ? config.groupsPerBatch() : config.batchEpisodes();
            while (assembler.readyUnits() >= unitsPerUpdate && !limitReached()) {
                List<Trajectory> batch = new ArrayList<>();
                assembler.take(unitsPerUpdate).forEach(batch::addAll);
                trainOn(batch);
            }
        }
        if (update != checkpointedUpdate) {
            checkpoint();
        }
        return update;
    }

    private boolean limitReached() {
        return settings.stopAfterUpdates() > 0 && update >= settings.stopAfterUpdates();
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) throws IOException {
        offsets.put(record.partition(), record.offset() + 1);
        metrics.increment("trajectories/consumed", 1);
        Trajectory trajectory;
        try {
            trajectory = clients.trajectoryDeserializer().deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            deadLetter(record, e);
            return;
        }
        if (!Conversation.policyOf(trajectory.getPolicyName()).equals(config.policyName())) {
            // Another policy's episode: never trained on here, nor counted toward a group or staleness.
            metrics.increment("skipped/foreign-policy", 1);
            return;
        }
        boolean keep = intake.keep(trajectory, version);
        assembler.add(trajectory, keep);
        if (keep) {
            ownKept.incrementAndGet();
        }
        ownRead.incrementAndGet();
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, RuntimeException error) throws IOException {
        metrics.increment("dropped/unreadable", 1);
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.DEAD_LETTERS.name(), record.key(), record.value());
        DeadLetter.annotate(out.headers(), record.topic(), record.partition(), record.offset(), error, "UNREADABLE",
                "learner");
        try {
            clients.deadLetters().send(out).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while dead-lettering", e);
        } catch (ExecutionException e) {
            throw new IOException("dead-lettering failed", e.getCause());
        }
    }

    private void trainOn(List<Trajectory> batch) throws IOException {
        List<TrainingSequence> rows = batch.stream().map(sequences::build).toList();
        long trainStarted = System.nanoTime();
        UpdateResult result = trainer.run(rows, update);
        double trainSeconds = (System.nanoTime() - trainStarted) / 1e9;
        // A critic warm-up update leaves the policy as it was: there is no new version to publish.
        boolean criticWarmup = update < config.criticWarmupUpdates();
        update++;
        Map<String, Double> values = new LinkedHashMap<>(result.metrics());
        values.putAll(BatchStatistics.of(batch, version));
        long now = System.nanoTime();
        values.put("throughput/trajectories-per-second", batch.size() / ((now - lastUpdateNanos) / 1e9));
        values.put(TRAIN_SECONDS, trainSeconds);
        lastUpdateNanos = now;
        metrics.increment("trajectories/used", batch.size());
        // States are valued by the critic: none is captured before its warm-up has fitted it to this policy.
        if (config.replayEnabled() && !criticWarmup) {
            ReplayCapture.Captured captured = ReplayCapture.capture(batch, rows, result.valuesBefore(), replay,
                    config.candidateRules(), update);
            metrics.increment("replay/offered", captured.offered());
            metrics.increment("replay/captured", captured.held());
            values.put("replay/threshold", (double) captured.threshold());
            int wanted = (int) Math.round(config.replayRatio() * batch.size());
            List<ReplayState> states = replay.take(wanted, update);
            replayPublisher.publish(states, update);
            metrics.increment("replay/published", states.size());
            values.put("replay/buffer-size", (double) replay.size());
        }
        if (!criticWarmup && (update - config.criticWarmupUpdates()) % config.publishEvery() == 0) {
            published.add(publisher.publish(models.policy(), version + 1, version, config.algorithm().name(), update,
                    values));
            version++;
        }
        updatesLog.append(updateLine(batch));
        metricsLog.append(metrics.line(update, version, values));
        if (update % config.checkpointEvery() == 0) {
            checkpoint();
        }
        // Last, once the version trained on this batch is published: a synchronous feed waits for this count.
        ownTrained.addAndGet(batch.size());
    }

    private String updateLine(List<Trajectory> batch) {
        StringBuilder line = new StringBuilder("{\"update\":").append(update).append(",\"version\":").append(version)
                .append(",\"episodes\":[");
        for (int i = 0; i < batch.size(); i++) {
            // Episode ids are written by the grader from UUIDs or feeder ids; quote-escape to stay valid JSON.
            line.append(i == 0 ? "" : ",").append('"')
                    .append(batch.get(i).getEpisodeId().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return line.append("]}").toString();
    }

    /** Writes a checkpoint now and, once it is durable, commits its offsets to the consumer group. */
    public void checkpoint() throws IOException {
        Map<String, Long> logLengths = Map.of(UPDATES_LOG, updatesLog.sync(), METRICS_LOG, metricsLog.sync());
        CheckpointState state = new CheckpointState(update, version, offsets, assembler.snapshot(),
                metrics.counters(), logLengths);
        Checkpoint.write(checkpoints, models, replay, state);
        checkpointedUpdate = update;
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((p, o) -> commit.put(new TopicPartition(Topics.TRAJECTORIES.name(), p), new OffsetAndMetadata(o)));
        if (!commit.isEmpty()) {
            clients.trajectories().commitSync(commit);
        }
    }

    /** The versions this service has published since it opened, in order (a resumed learner's earlier ones not). */
    public List<PolicyVersion> published() {
        return List.copyOf(published);
    }

    /**
     * Trajectories of this learner's policy read since it opened (kept or dropped as stale), safe to call from any
     * thread: a feeder paces itself on it, so it never runs more than a batch or two ahead of the learner.
     */
    public long trajectoriesRead() {
        return ownRead.get();
    }

    /** Trajectories of this learner's policy read and kept for training (not dropped), safe from any thread. */
    public long trajectoriesKept() {
        return ownKept.get();
    }

    /**
     * Trajectories trained on so far, safe from any thread; a batch counts once its update is done and the version
     * it made published.
     */
    public long trajectoriesTrained() {
        return ownTrained.get();
    }

    /** Updates done so far. */
    public long updates() {
        return update;
    }

    /** Current policy version. */
    public long version() {
        return version;
    }

    public LearnerMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() throws IOException {
        try {
            updatesLog.close();
            metricsLog.close();
        } finally {
            try {
                models.close();
            } finally {
                metrics.close();
                clients.close();
            }
        }
    }
}
