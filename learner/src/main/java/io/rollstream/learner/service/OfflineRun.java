package io.rollstream.learner.service;

import io.rollstream.learner.algo.OreoLoss;
import io.rollstream.learner.algo.OreoLosses;
import io.rollstream.learner.config.Algorithm;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.train.LearnerModels;
import io.rollstream.learner.train.OreoTrainer;
import io.rollstream.learner.train.RejectionSamplingSft;
import io.rollstream.learner.train.SequenceBuilder;
import io.rollstream.learner.train.SftTrainer;
import io.rollstream.learner.train.TrainingSequence;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.weights.LocalWeightsStore;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.topics.TopicReader;
import io.rollstream.schemas.topics.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * {@code rollstream learner --algorithm oreo|rs-sft --from T --to T}: trains on exactly the trajectories the broker
 * appended to rl-trajectories-v1 in a closed window (read_committed, planned before reading), starting from
 * the newest version of the policy and publishing the next one. The version's metrics name the window and the
 * count, so an auditor can re-read the data that made the model. Trajectories without a terminal reward
 * (timed out, unscorable) are left out; OREO's R is 1 for a solved episode and 0 otherwise, and its baseline,
 * rejection-sampling SFT, trains on the answers that solved the solved ones.
 */
public final class OfflineRun {

    /** Metric keys the published version carries. */
    public static final String WINDOW_FROM = "offline/window-from-ms";
    public static final String WINDOW_TO = "offline/window-to-ms";
    public static final String TRAJECTORIES = "offline/trajectories";
    public static final String SOLVED = "offline/solved";
    public static final String TRAINED = "offline/trained";

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private OfflineRun() {
    }

    /** The window's data cannot train a model: nothing in it, nothing solved, or nothing of the source policy. */
    public static final class UnusableWindowException extends IllegalArgumentException {
        public UnusableWindowException(String message) {
            super(message);
        }
    }

    /**
     * What was read, trained and published.
     *
     * @param read      trajectories in the window (of the source policy, when one is named)
     * @param solved    of them, solved
     * @param trained   sequences trained on (the rest had no terminal reward, did not fit the context or, for
     *                  RS-SFT, were not solved)
     * @param losses    the losses of the first and the last epoch, by name
     * @param steps     optimiser steps
     * @param published the new version
     */
    public record Result(int read, int solved, int trained, Map<String, Double> losses, int steps,
                         PolicyVersion published) {
    }

    /**
     * @param sourcePolicyOrNull train only on this policy's trajectories; null takes every policy's
     * @param progress           hears of every optimiser step
     */
    public static Result run(LearnerConfig config, ServiceSettings settings, OfflineWindow window,
                              String sourcePolicyOrNull, SftTrainer.StepListener progress) throws IOException {
        if (!config.algorithm().offline()) {
            throw new IllegalArgumentException("OfflineRun trains OREO or RS-SFT, got " + config.algorithm());
        }
        try (LearnerClients clients = new LearnerClients(settings, settings.consumerGroup(config.policyName()))) {
            List<Trajectory> trajectories = read(settings, clients, window, sourcePolicyOrNull);
            int solved = (int) trajectories.stream().filter(t -> t.getOutcome() == Outcome.SOLVED).count();
            String which = sourcePolicyOrNull == null ? "" : " of policy " + sourcePolicyOrNull;
            if (trajectories.isEmpty()) {
                throw new UnusableWindowException("no trajectories" + which + " were appended between "
                        + window.from() + " and " + window.to());
            }
            if (solved == 0) {
                throw new UnusableWindowException("none of the " + trajectories.size() + " trajectories" + which
                        + " between " + window.from() + " and " + window.to() + " was solved: nothing to learn from");
            }
            Optional<PolicyVersion> start = PolicyVersionReader.latest(clients.versionReader(), config.policyName(),
                    READ_TIMEOUT);
            if (start.isEmpty()) {
                throw new UnusableWindowException("policy " + config.policyName() + " has no published version to "
                        + "start from; publish a warm start first (rollstream learner --algorithm sft)");
            }
            LocalWeightsStore store = new LocalWeightsStore(settings.weightsDir());
            PolicyModel policy = PolicyModel.load(store.get(start.get().getSha256()), start.get().getSha256(),
                    settings.device());
            try (LearnerModels models = LearnerModels.create(policy, null, config.learningRate())) {
                List<TrainingSequence> sequences = sequences(trajectories, policy.config().maxContext());
                if (config.algorithm() == Algorithm.RS_SFT) {
                    sequences = sequences.stream().filter(q -> q.reward() > 0).toList();
                }
                if (sequences.isEmpty()) {
                    throw new UnusableWindowException("no trajectory in the window has a terminal reward and fits "
                            + "the model's context of " + policy.config().maxContext() + " tokens");
                }
                Map<String, Double> losses = new LinkedHashMap<>();
                int steps;
                if (config.algorithm() == Algorithm.OREO) {
                    OreoTrainer.Result r = new OreoTrainer(config, models).train(sequences, progress);
                    losses.put("oreo/value-loss-first-epoch", r.firstValueLoss());
                    losses.put(OreoLoss.VALUE_LOSS, r.lastValueLoss());
                    losses.put("oreo/policy-loss-first-epoch", r.firstPolicyLoss());
                    losses.put(OreoLoss.POLICY_LOSS, r.lastPolicyLoss());
                    losses.put("oreo/kl", r.lastKl());
                    steps = r.steps();
                } else {
                    SftTrainer.Result r = new RejectionSamplingSft(config, models).train(sequences, progress);
                    losses.put("rs-sft/loss-first-epoch", r.firstEpochLoss());
                    losses.put("rs-sft/loss", r.lastEpochLoss());
                    steps = r.steps();
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put(WINDOW_FROM, (double) window.from().toEpochMilli());
                metrics.put(WINDOW_TO, (double) window.to().toEpochMilli());
                metrics.put(TRAJECTORIES, (double) trajectories.size());
                metrics.put(SOLVED, (double) solved);
                metrics.put(TRAINED, (double) sequences.size());
                metrics.putAll(losses);
                PolicyPublisher publisher = new PolicyPublisher(config.policyName(), store, clients.versions(),
                        settings.runDir().resolve("scratch"));
                PolicyVersion published = publisher.publish(models.policy(), start.get().getVersion() + 1,
                        start.get().getVersion(), config.algorithm().name(), steps, metrics);
                return new Result(trajectories.size(), solved, sequences.size(), losses, steps, published);
            }
        }
    }

    /** The window's trajectories, each partition in offset order, partitions in turn. */
    static List<Trajectory> read(ServiceSettings settings, LearnerClients clients, OfflineWindow window,
                                 String sourcePolicyOrNull) {
        List<Trajectory> out = new ArrayList<>();
        try (TopicReader reader = new TopicReader(settings.bootstrapServers(), settings.login(), READ_TIMEOUT,
                "rollstream-learner-offline")) {
            List<TopicReader.Range> ranges = reader.plan(List.of(
                    new TopicReader.Slice(Topics.TRAJECTORIES.name(), window.from(), window.to())));
            List<ConsumerRecord<byte[], byte[]>> records = reader.read(ranges)
                    .getOrDefault(Topics.TRAJECTORIES.name(), List.of());
            for (ConsumerRecord<byte[], byte[]> record : records) {
                Trajectory t = clients.trajectoryDeserializer().deserialize(record.topic(), record.value());
                if (sourcePolicyOrNull == null || sourcePolicyOrNull.equals(t.getPolicyName())) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** Trainable sequences with OREO's reward; those without a terminal reward or too long are left out. */
    static List<TrainingSequence> sequences(List<Trajectory> trajectories, int maxContext) {
        SequenceBuilder builder = new SequenceBuilder(CharTokenizer.standard());
        List<TrainingSequence> out = new ArrayList<>();
        for (Trajectory t : trajectories) {
            if (t.getTerminalReward() == null) {
                continue;
            }
            TrainingSequence s = builder.build(t);
            if (s.length() <= maxContext) {
                out.add(s.withReward(OreoLosses.reward(t.getOutcome())));
            }
        }
        return out;
    }
}
