package io.rollstream.experiment.demo;

import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.SftExample;
import io.rollstream.tasks.SftExamples;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.service.ServiceSettings;
import io.rollstream.learner.service.SftRun;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.topics.Topics;
import io.rollstream.infra.security.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The supervised warm start: worked solutions (and some retries after a wrong attempt) teach the model the
 * format; the result is published as version 1 of the SFT policy and of every policy RL starts from it.
 */
public final class SftPhase {

    /** Share of warm-start examples that show a wrong attempt, the feedback turn, then the right solution. */
    private static final double RETRY_SHARE = 0.3;

    /**
     * The warm start's outcome.
     *
     * @param examples       supervised examples trained on
     * @param firstEpochLoss mean token loss of the first epoch
     * @param lastEpochLoss  mean token loss of the last epoch
     * @param published      the SFT policy version
     * @param elapsed        wall-clock time
     */
    public record Result(int examples, double firstEpochLoss, double lastEpochLoss, PolicyVersion published, Duration elapsed) {
    }

    private final DemoContext ctx;

    public SftPhase(DemoContext ctx) {
        this.ctx = ctx;
    }

    /** Trains the warm start on the run's training questions and publishes it as {@code policyName}. */
    public Result run(String policyName) throws Exception {
        long started = System.nanoTime();
        DemoSettings s = ctx.settings();
        Path dir = Files.createDirectories(ctx.runDir().resolve(policyName));
        List<SftExample> examples = new SftExamples(ProtocolTemplate.COMPACT,
                AttemptsPolicy.parse("1-" + s.maxAttempts()), RETRY_SHARE).build(ctx.train(), s.seed());
        Path data = dir.resolve("sft.jsonl");
        SftExamples.write(examples, data);
        LearnerConfig config = LearnerConfig.sft().toBuilder().policyName(policyName).modelPreset(s.preset())
                .seed(s.seed()).epochs(s.sftEpochs()).build();
        ServiceSettings settings = new ServiceSettings(ctx.bootstrapServers(), ctx.schemaRegistryUrl(), dir,
                ctx.weightsDir(), DeviceChoice.CPU, 0, null, ctx.login(Role.LEARNER));
        SftRun.Outcome outcome;
        try (ProgressBar bar = Progress.bar("warm start (" + examples.size() + " examples x " + s.sftEpochs()
                + " epochs)", 1, "steps", ctx.console())) {
            outcome = SftRun.run(config, settings, examples, null, (stage, done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
        }
        return new Result(examples.size(), outcome.training().firstEpochLoss(), outcome.training().lastEpochLoss(),
                outcome.published(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** Publishes the same weights as version 1 of another policy, the starting point of its RL run. */
    public void startFrom(PolicyVersion source, String policyName) throws Exception {
        PolicyVersion copy = PolicyVersion.newBuilder(source).setPolicyName(policyName).setVersion(1L)
                .setParentVersion(null).setCreatedAt(Instant.now()).build();
        try (KafkaProducer<String, PolicyVersion> producer = new KafkaProducer<>(
                ctx.login(Role.LEARNER).kafkaConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        ctx.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all")),
                ctx.serdes().keySerde(Topics.POLICY_VERSIONS).serializer(),
                ctx.serdes().valueSerde(Topics.POLICY_VERSIONS).serializer())) {
            producer.send(new ProducerRecord<>(Topics.POLICY_VERSIONS.name(), policyName, copy)).get();
        }
    }
}
