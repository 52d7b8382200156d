package io.rollstream.learner.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.sampling.Generator;
import io.rollstream.policy.tokenizer.CharTokenizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The critic warm-up fits the value head and nothing else: the policy's weights stay bit for bit, the value
 * head moves, and the value loss on the warm-start policy's rollouts falls; the first update after it trains the
 * policy again.
 */
class CriticWarmupTest {

    private static final int WARMUP = 6;

    @Test
    void shouldFitOnlyTheValueHeadDuringTheWarmUp() {
        LearnerConfig config = LearnerConfig.ppo().toBuilder().learningRate(3e-3f).batchEpisodes(32)
                .miniBatchSize(16).seed(7L).criticWarmupUpdates(WARMUP).build();
        try (LearnerModels models = LearnerModels.create(
                PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 11L), null, config.learningRate())) {
            Generator generator = new Generator(models.policy(), CharTokenizer.standard());
            PolicyGradientUpdate update = new PolicyGradientUpdate(config, models);
            Map<String, float[]> start = weights(models.policy());
            double firstLoss = Double.NaN;
            double lastLoss = Double.NaN;
            for (int i = 0; i < WARMUP; i++) {
                UpdateResult result = update.run(PolicyGradientLearningTest.rollouts(generator, 1f, 1, 500L + i), i);
                assertEquals(1.0, result.metrics().get("critic/warmup"));
                lastLoss = result.metrics().get("value/loss");
                firstLoss = i == 0 ? lastLoss : firstLoss;
            }
            Map<String, float[]> warmed = weights(models.policy());
            start.forEach((name, values) -> {
                if (LearnerModels.isValueParameter(name)) {
                    assertFalse(Arrays.equals(values, warmed.get(name)), name + " should have been fitted");
                } else {
                    assertArrayEquals(values, warmed.get(name), name + " moved during the critic warm-up");
                }
            });
            assertTrue(lastLoss < firstLoss, "value loss " + firstLoss + " -> " + lastLoss);

            UpdateResult after = update.run(PolicyGradientLearningTest.rollouts(generator, 1f, 1, 900L), WARMUP);
            assertEquals(0.0, after.metrics().get("critic/warmup"));
            Map<String, float[]> trained = weights(models.policy());
            long moved = warmed.keySet().stream().filter(n -> !LearnerModels.isValueParameter(n))
                    .filter(n -> !Arrays.equals(warmed.get(n), trained.get(n))).count();
            assertTrue(moved > 0, "the first update after the warm-up should train the policy");
        }
    }

    private static Map<String, float[]> weights(PolicyModel model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : model.block().getParameters()) {
            out.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
        }
        return out;
    }
}
