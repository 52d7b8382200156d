package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * GRPO advantages: each episode's terminal reward compared with the other episodes of its group (the same
 * question sampled G times), so no critic is needed.
 *
 * <pre>
 *   A_i = (r_i - mean(r_group)) / (std(r_group) + eps)   {@link GroupNormalisation#MEAN_STD}
 *   A_i =  r_i - mean(r_group)                           {@link GroupNormalisation#MEAN_ONLY} (Dr. GRPO)
 * </pre>
 * The std is the sample standard deviation, {@code sqrt(sum((r - mean)^2) / (n - 1))}, as {@code torch.std}
 * computes it in verl and TRL; a group of one has std 0 and advantage 0. A group whose rewards are all equal
 * gets advantage 0 under both rules. The sequence advantage is then broadcast over its trained tokens.
 */
public final class GroupAdvantages {

    private GroupAdvantages() {
    }

    /**
     * Host form; groups are identified by id and need not be contiguous.
     *
     * @param rewards  terminal reward per episode, (B)
     * @param groupIds group of each episode, (B)
     * @param eps      added to the std, >= 0; ignored for {@link GroupNormalisation#MEAN_ONLY}
     * @return advantage per sequence, (B)
     */
    public static float[] compute(float[] rewards, String[] groupIds, GroupNormalisation normalisation, float eps) {
        Objects.requireNonNull(normalisation, "normalisation");
        requireEps(eps);
        if (rewards.length != groupIds.length) {
            throw new IllegalArgumentException(
                    "rewards has " + rewards.length + " entries but groupIds has " + groupIds.length);
        }
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < groupIds.length; i++) {
            members.computeIfAbsent(Objects.requireNonNull(groupIds[i], "groupIds[" + i + "]"),
                    id -> new ArrayList<>()).add(i);
        }
        float[] advantages = new float[rewards.length];
        for (List<Integer> group : members.values()) {
            double mean = 0;
            for (int i : group) {
                mean += rewards[i];
            }
            mean /= group.size();
            double squares = 0;
            for (int i : group) {
                squares += (rewards[i] - mean) * (rewards[i] - mean);
            }
            double std = group.size() > 1 ? Math.sqrt(squares / (group.size() - 1)) : 0;
            for (int i : group) {
                double centred = rewards[i] - mean;
                // A centred value of exactly 0 stays 0 even when std + eps is 0.
                advantages[i] = (float) (normalisation == GroupNormalisation.MEAN_STD && centred != 0
                        ? centred / (std + eps) : centred);
            }
        }
        return advantages;
    }

    /** Host broadcast of a per-sequence advantage (B) over the trained tokens of each sequence, (B, T). */
    public static float[][] broadcast(float[] sequenceAdvantages, float[][] responseMask) {
        int cols = HostArrays.requireMask(responseMask);
        if (sequenceAdvantages.length != responseMask.length) {
            throw new IllegalArgumentException("sequenceAdvantages has " + sequenceAdvantages.length
                    + " entries but responseMask has " + responseMask.length + " rows");
        }
        float[][] advantages = new float[responseMask.length][cols];
        for (int b = 0; b < responseMask.length; b++) {
            for (int t = 0; t < cols; t++) {
                advantages[b][t] = sequenceAdvantages[b] * responseMask[b][t];
            }
        }
        return advantages;
    }

    private static void requireEps(float eps) {
        if (!(eps >= 0f) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
        }
    }
}
