package io.rollstream.learner.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectionSamplingSftTest {

    @Test
    void shouldTrainOnlyTheAttemptThatSolvedTheEpisode() {
        TrainingSequence two = new SequenceBuilder(TrajectoryFixtures.TOKENIZER)
                .build(TrajectoryFixtures.twoAttempts("e", "\\boxed{6}", "\\boxed{5}", 1L));
        TrainingSequence last = RejectionSamplingSft.lastAttemptOnly(two);
        float[] expected = Arrays.copyOf(two.trainMask(), two.trainMask().length);
        Arrays.fill(expected, 0, two.lastAttemptFrom(), 0f);
        assertArrayEquals(expected, last.trainMask());
        assertEquals("\\boxed{5}".length(), last.trainedTokens(), "the second answer's tokens alone");
        assertTrue(two.trainedTokens() > last.trainedTokens());
    }

    @Test
    void shouldLowerTheLossOfTheSolvedAnswers() {
        SequenceBuilder builder = new SequenceBuilder(TrajectoryFixtures.TOKENIZER);
        List<TrainingSequence> solved = List.of(
                builder.build(TrajectoryFixtures.single("a", "a", 1, "\\boxed{2}", 1f, 1L)),
                builder.build(TrajectoryFixtures.twoAttempts("b", "\\boxed{6}", "\\boxed{5}", 1L)));
        LearnerConfig config = LearnerConfig.rsSft().toBuilder().epochs(10).learningRate(1e-3f).build();
        try (LearnerModels models = LearnerModels.create(
                PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 2L), null, config.learningRate())) {
            SftTrainer.Result result = new RejectionSamplingSft(config, models).train(solved, (d, t) -> { });
            assertEquals(10, result.steps());
            assertTrue(result.lastEpochLoss() < result.firstEpochLoss() - 1, result.toString());
            assertThrows(IllegalArgumentException.class,
                    () -> new RejectionSamplingSft(config, models).train(List.of(), (d, t) -> { }));
        }
    }
}
