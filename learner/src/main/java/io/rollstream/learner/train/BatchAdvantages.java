package io.rollstream.learner.train;

import io.rollstream.learner.algo.AdvantageWhitening;
import io.rollstream.learner.algo.AdvantagesAndReturns;
import io.rollstream.learner.algo.GaeAdvantages;
import io.rollstream.learner.algo.GroupAdvantages;
import io.rollstream.learner.algo.AdvantageEstimator;
import io.rollstream.learner.config.LearnerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Advantages and critic targets of a whole batch, per sequence: GAE over trained tokens from the terminal reward
 * and the critic's values (PPO, optionally whitened over the batch), or the group-normalised terminal reward
 * broadcast over trained tokens (GRPO, whose returns are unused and left 0).
 *
 * @param advantages per sequence, one per response token
 * @param returns    per sequence, one per response token
 */
record BatchAdvantages(List<float[]> advantages, List<float[]> returns) {

    /** Group advantages use a small epsilon so a near-constant group does not explode. */
    static final float GROUP_EPS = 1e-6f;

    static BatchAdvantages compute(LearnerConfig config, List<TrainingSequence> batch, List<float[]> values) {
        int width = batch.stream().mapToInt(s -> s.response().length).max().orElse(0);
        List<float[]> masks = batch.stream().map(TrainingSequence::trainMask).toList();
        float[][] mask = BatchTensors.matrix(masks, width); // (B, R)
        float[] rewards = new float[batch.size()]; // (B)
        for (int b = 0; b < rewards.length; b++) {
            rewards[b] = batch.get(b).reward();
        }
        float[][] advantages;
        float[][] returns;
        if (config.algorithm().estimator() == AdvantageEstimator.GROUP) {
            String[] groups = batch.stream().map(TrainingSequence::groupId).toArray(String[]::new);
            float[] perSequence = GroupAdvantages.compute(rewards, groups, config.groupNormalisation(), GROUP_EPS);
            advantages = GroupAdvantages.broadcast(perSequence, mask); // (B, R)
            returns = new float[batch.size()][width]; // (B, R)
        } else {
            AdvantagesAndReturns gae = GaeAdvantages.fromTerminalRewards(
                    rewards, BatchTensors.matrix(values, width), mask, config.gamma(), config.lambda());
            advantages = gae.advantages(); // (B, R)
            returns = gae.returns(); // (B, R)
        }
        if (config.whitenAdvantages()) {
            advantages = AdvantageWhitening.whiten(advantages, mask); // (B, R)
        }
        List<float[]> a = new ArrayList<>();
        List<float[]> r = new ArrayList<>();
        for (int b = 0; b < batch.size(); b++) {
            int length = batch.get(b).response().length;
            a.add(Arrays.copyOf(advantages[b], length));
            r.add(Arrays.copyOf(returns[b], length));
        }
        return new BatchAdvantages(a, r);
    }
}
