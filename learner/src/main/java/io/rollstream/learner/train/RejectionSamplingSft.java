package io.rollstream.learner.train;

import io.rollstream.learner.config.LearnerConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Rejection-sampling SFT, OREO's baseline on the same logs: maximises the likelihood of the answer that solved
 * each solved episode (its last attempt, in the context it was given, earlier attempts and feedback included
 * but not trained), token-averaged, for {@code epochs} seeded shuffles in minibatches. Unsolved episodes teach
 * it nothing and are left out by the caller.
 */
public final class RejectionSamplingSft {

    private final LearnerConfig config;
    private final LearnerModels models;

    public RejectionSamplingSft(LearnerConfig config, LearnerModels models) {
        this.config = Objects.requireNonNull(config, "config");
        this.models = Objects.requireNonNull(models, "models");
    }

    /** Mean token loss of the first and the last epoch, and the steps taken ({@code skipped} is always 0). */
    public SftTrainer.Result train(List<TrainingSequence> solved, SftTrainer.StepListener listener) {
        if (solved.isEmpty()) {
            throw new IllegalArgumentException("rejection-sampling SFT needs at least one solved trajectory");
        }
        List<TrainingSequence> lastAttempts = solved.stream().map(RejectionSamplingSft::lastAttemptOnly).toList();
        int batches = (lastAttempts.size() + config.miniBatchSize() - 1) / config.miniBatchSize();
        int total = config.epochs() * batches;
        double first = Double.NaN;
        double last = Double.NaN;
        int steps = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            double sum = 0;
            List<int[]> miniBatches = MiniBatches.split(lastAttempts, config.miniBatchSize(),
                    new Random(config.seed() * 1_000_003L + epoch));
            for (int[] rows : miniBatches) {
                sum += SftTrainer.likelihoodStep(models, BatchTensors.tokens(lastAttempts, rows), config.maxGradNorm())
                        / miniBatches.size();
                steps++;
                listener.stepped(steps, total);
            }
            last = sum;
            first = epoch == 0 ? sum : first;
        }
        return new SftTrainer.Result(first, last, steps, 0);
    }

    /** The sequence with only its last attempt's sampled tokens trained. */
    static TrainingSequence lastAttemptOnly(TrainingSequence s) {
        float[] mask = Arrays.copyOf(s.trainMask(), s.trainMask().length);
        Arrays.fill(mask, 0, s.lastAttemptFrom(), 0f);
        return s.withTrainMask(mask);
    }
}
