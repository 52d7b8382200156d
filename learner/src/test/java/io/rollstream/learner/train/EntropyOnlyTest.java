package io.rollstream.learner.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code policyCoefficient 0} removes the reward's term from a GRPO update: with the entropy bonus and the KL term
 * off too, nothing moves the policy, whatever the rewards; with the entropy bonus alone (1-shot RLVR's
 * entropy-only arm) it moves.
 */
class EntropyOnlyTest {

    @Test
    void shouldLeaveThePolicyAloneWithoutThePolicyTermAndMoveItWithTheEntropyBonus() {
        LearnerConfig still = LearnerConfig.grpo().toBuilder().learningRate(3e-3f).groupSize(4).groupsPerBatch(4)
                .policyCoefficient(0f).entropyCoefficient(0f).klCoefficient(0f).seed(5L).build();
        assertTrue(movedParameters(still) == 0, "nothing should train the policy without its terms");
        LearnerConfig entropy = still.toBuilder().entropyCoefficient(0.01f).build();
        assertTrue(movedParameters(entropy) > 0, "the entropy bonus alone should train the policy");
        assertTrue(movedParameters(still.toBuilder().policyCoefficient(1f).build()) > 0,
                "the policy term should train the policy");
    }

    private static long movedParameters(LearnerConfig config) {
        try (LearnerModels models = LearnerModels.create(
                PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 11L), null, config.learningRate())) {
            Generator generator = new Generator(models.policy(), CharTokenizer.standard());
            List<TrainingSequence> batch = PolicyGradientLearningTest.rollouts(generator, 1f, config.groupSize(), 77L);
            assertTrue(batch.stream().map(TrainingSequence::reward).distinct().count() > 1,
                    "the rollouts should differ in reward, so the policy term has a gradient");
            Map<String, float[]> before = weights(models.policy());
            new PolicyGradientUpdate(config, models).run(batch, 0);
            Map<String, float[]> after = weights(models.policy());
            return before.keySet().stream().filter(n -> !Arrays.equals(before.get(n), after.get(n))).count();
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
