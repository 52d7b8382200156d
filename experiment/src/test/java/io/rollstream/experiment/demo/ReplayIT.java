package io.rollstream.experiment.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.actor.loop.ActorService;
import io.rollstream.feeder.FeedConfig;
import io.rollstream.feeder.Feeder;
import io.rollstream.infra.security.Role;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.replay.EpisodeOrigin;
import io.rollstream.learner.replay.ReplayReason;
import io.rollstream.learner.replay.ReplayState;
import io.rollstream.learner.service.LearnerService;
import io.rollstream.learner.service.ReplayPublisher;
import io.rollstream.learner.service.ServiceSettings;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelPreset;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.policy.tokenizer.ChatRole;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import io.rollstream.schemas.topics.Topics;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import io.rollstream.tasks.TaskItem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retrospective replay's round trip through the real pipeline: replay states of training questions are published
 * as REPLAY prompts, a real actor continues each from its kept prefix, the grader grades and closes the episodes,
 * and a PPO learner trains on those trajectories beside fresh ones.
 */
class ReplayIT {

    private static final int EPISODES = 4;

    @TempDir
    Path dir;

    @Test
    void shouldAnswerGradeAndTrainOnReplayPrompts() throws Exception {
        DemoSettings settings = new DemoSettings(dir, null, null, ModelPreset.TINY, Dataset.SYNTHETIC,
                SyntheticDifficulty.EASY, 9, 100, 10, 1, 1, 2 * EPISODES, 2, 24, 8);
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new DemoRunner(settings, console).onPipeline(ctx -> {
            String policy = new SftPhase(ctx).run("warm-" + ctx.runId()).published().getPolicyName();
            Instant since = Instant.now();
            List<TaskItem> items = ctx.train().subList(0, EPISODES);
            try (ActorService actor = Actors.start(ctx, "replay-actor", policy, 1f)) {
                Set<String> fresh = feed(ctx, policy, items);
                List<ReplayState> states = new ArrayList<>();
                for (TaskItem item : items) {
                    // The kept prefix is the solution's first line: a right first step to continue from.
                    String prefix = item.solution().substring(0, item.solution().indexOf('\n') + 1);
                    states.add(new ReplayState(item.questionId(), new EpisodeOrigin("origin-" + item.questionId(),
                            "g", 1, 2, 1L, ctx.runId()), List.of(
                            new ChatMessage(ChatRole.SYSTEM, EpisodeProtocol.systemPrompt(ProtocolTemplate.COMPACT, 2)),
                            new ChatMessage(ChatRole.USER, item.problem())), prefix, 0.5f,
                            ReplayReason.PROMISING_FAILED, 1, 0));
                }
                List<Prompt> replayed;
                try (Producer<String, Prompt> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG, "all"),
                        ctx.serdes().keySerde(Topics.PROMPTS).serializer(),
                        ctx.serdes().valueSerde(Topics.PROMPTS).serializer())) {
                    replayed = new ReplayPublisher(producer, policy, 1f).publish(states, 1);
                }
                Set<String> replayIds = new HashSet<>(replayed.stream().map(Prompt::getEpisodeId).toList());

                Path learnerDir = Files.createDirectories(dir.resolve("learner"));
                LearnerConfig config = LearnerConfig.ppo().toBuilder().policyName(policy).modelPreset(ModelPreset.TINY)
                        .batchEpisodes(2 * EPISODES).replayEnabled(false).build();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                try (LearnerService learner = LearnerService.open(config, new ServiceSettings(ctx.bootstrapServers(),
                        ctx.schemaRegistryUrl(), learnerDir, ctx.weightsDir(), DeviceChoice.CPU, 1, since))) {
                    Thread training = new Thread(() -> {
                        try {
                            learner.run(() -> true);
                        } catch (Exception e) {
                            failure.set(e);
                        }
                    });
                    training.start();
                    training.join(120_000);
                    assertTrue(!training.isAlive(), "the learner made no update in 2 minutes");
                    assertEquals(null, failure.get());
                    assertEquals(1, learner.updates());
                }
                Actors.requireHealthy(actor);

                Set<String> trained = new HashSet<>();
                for (String line : Files.readAllLines(learnerDir.resolve(LearnerService.UPDATES_LOG))) {
                    for (String id : line.replaceAll(".*\\[|\\].*", "").split(",")) {
                        trained.add(id.replace("\"", ""));
                    }
                }
                Set<String> expected = new HashSet<>(fresh);
                expected.addAll(replayIds);
                assertEquals(expected, trained, "the update trained on the fresh and the replayed episodes");
                List<Map<String, Double>> metrics = RlPhase.readMetrics(learnerDir.resolve(LearnerService.METRICS_LOG));
                assertEquals(EPISODES, metrics.get(0).get("replay/trained"), 1e-9);

                Map<String, Trajectory> closed = PipelineCounts.trajectoriesOf(ctx.bootstrapServers(), ctx.login(Role.AUDITOR), ctx.serdes(),
                        Set.of(policy));
                for (Prompt p : replayed) {
                    Trajectory t = closed.get(p.getEpisodeId());
                    assertEquals(PromptOrigin.REPLAY, t.getOrigin());
                    assertEquals(p.getResponsePrefix(), t.getResponsePrefix(), "the trajectory keeps the prefix");
                    assertEquals(2, t.getMaxAttempts());
                    assertEquals(p.getQuestionId(), t.getQuestionId());
                    assertTrue(t.getTerminalReward() != null, "graded against the question's ground truth: " + t);
                }
            }
            return null;
        });
    }

    private static Set<String> feed(DemoContext ctx, String policy, List<TaskItem> items) throws Exception {
        FeedConfig config = new FeedConfig(ctx.bootstrapServers(), ctx.schemaRegistryUrl(), Dataset.SYNTHETIC, "train",
                items.size(), 3, SyntheticDifficulty.EASY, new AttemptsPolicy.Fixed(1), 1, PromptOrigin.FRESH,
                ProtocolTemplate.COMPACT, 0, 24, null, null, 0, policy, ctx.runId());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Feeder.producerConfig(ctx.bootstrapServers()))) {
            return new HashSet<>(new Feeder(config, producer, ctx.serdes(), Clock.systemUTC())
                    .feed(items, p -> { }).episodeIds());
        }
    }
}
