package io.rollstream.learner.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.model.TokenBatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OREO on one prompt answered right four times (R = 1) and wrong four times (R = 0): the policy must come to
 * prefer the solved answer over the failed one, relative to where it started, and the critic's error must fall.
 */
class OreoTrainerTest {

    @Test
    void shouldShiftProbabilityTowardsTheSolvedAnswer() {
        SequenceBuilder builder = new SequenceBuilder(TrajectoryFixtures.TOKENIZER);
        List<TrainingSequence> sequences = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sequences.add(builder.build(TrajectoryFixtures.single("s" + i, "s" + i, 1, "\\boxed{2}", 1f, 1L))
                    .withReward(1f));
            sequences.add(builder.build(TrajectoryFixtures.single("f" + i, "f" + i, 1, "\\boxed{3}", -0.5f, 1L))
                    .withReward(0f));
        }
        LearnerConfig config = LearnerConfig.oreo().toBuilder().epochs(15).miniBatchSize(8).learningRate(1e-3f)
                .seed(5).build();
        try (LearnerModels models = LearnerModels.create(
                PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 5L), null, config.learningRate())) {
            double before = margin(models.policy(), sequences);
            OreoTrainer.Result result = new OreoTrainer(config, models).train(sequences, (done, total) -> { });
            double after = margin(models.policy(), sequences);
            System.out.printf("log p(solved) - log p(failed): %.3f -> %.3f; value loss %.4f -> %.4f; %s%n",
                    before, after, result.firstValueLoss(), result.lastValueLoss(), result);
            assertTrue(after > before + 0.5, "margin " + before + " -> " + after);
            assertTrue(result.lastValueLoss() < result.firstValueLoss(), result.toString());
            assertTrue(result.steps() == 15, result.toString());
        }
    }

    @Test
    void shouldRefuseAnotherAlgorithmAndAnEmptySet() {
        try (LearnerModels models = LearnerModels.create(
                PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 5L), null, 1e-3f)) {
            assertThrows(IllegalArgumentException.class, () -> new OreoTrainer(LearnerConfig.ppo(), models));
            assertThrows(IllegalArgumentException.class,
                    () -> new OreoTrainer(LearnerConfig.oreo(), models).train(List.of(), (d, t) -> { }));
        }
    }

    /** Summed log-probability of the solved response minus the failed one's, under {@code policy}. */
    private static double margin(PolicyModel policy, List<TrainingSequence> sequences) {
        TokenBatch batch = BatchTensors.tokens(sequences, new int[] {0, 1});
        try (NDManager manager = policy.newManager()) {
            var out = policy.forward(manager, batch, 1f, false);
            float[] flat = out.logProbs().mul(out.responseMask()).sum(new int[] {1}).toFloatArray();
            return flat[0] - flat[1];
        }
    }
}
