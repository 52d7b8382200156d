package io.rollstream.learner.replay;

import java.util.Objects;

/**
 * Where a replay state was found, kept so replayed episodes can be traced back to the episode they restart.
 *
 * @param episodeId     the episode whose response the prefix was cut from
 * @param groupId       its GRPO group (equals episodeId when ungrouped)
 * @param attempt       which attempt of that episode the prefix belongs to, from 1
 * @param maxAttempts   attempts N that episode allowed
 * @param policyVersion policy version that generated the response
 * @param runId         the run that episode belonged to (empty when it named none), carried by the replay
 */
public record EpisodeOrigin(String episodeId, String groupId, int attempt, int maxAttempts, long policyVersion,
                            String runId) {

    public EpisodeOrigin {
        Objects.requireNonNull(episodeId, "episodeId");
        Objects.requireNonNull(groupId, "groupId");
        runId = runId == null ? "" : runId; // checkpoints written before runs were named
        if (attempt < 1 || attempt > maxAttempts) {
            throw new IllegalArgumentException(
                    "attempt must be in [1, maxAttempts], got " + attempt + " of " + maxAttempts);
        }
        if (policyVersion < 0) {
            throw new IllegalArgumentException("policyVersion must be >= 0, got " + policyVersion);
        }
    }
}
