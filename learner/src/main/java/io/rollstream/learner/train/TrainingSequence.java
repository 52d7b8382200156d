package io.rollstream.learner.train;

import java.util.Objects;

/**
 * One trajectory laid out for training: the first attempt's prompt, and as response every attempt's tokens with
 * the feedback turns between them. Only the policy's own tokens are trained ({@code trainMask} 1); feedback,
 * role markers and end-of-turn tokens the policy did not sample are 0.
 *
 * @param episodeId       the episode
 * @param groupId         its GRPO group
 * @param prompt          system and user turns up to the first assistant marker (and any response prefix)
 * @param response        attempts and feedback spans, in order
 * @param trainMask       1 for sampled tokens, 0 elsewhere, one per response token
 * @param oldLogProbs     log-probs the actor recorded when sampling, 0 where not trained
 * @param temperature     temperature the last attempt was sampled at; log-probs are recomputed at it
 * @param reward          terminal reward
 * @param oldestVersion   oldest policy version among the attempts, for staleness
 * @param lastAttemptFrom response index where the last attempt's tokens start
 */
public record TrainingSequence(String episodeId, String groupId, int[] prompt, int[] response, float[] trainMask,
                               float[] oldLogProbs, float temperature, float reward, long oldestVersion,
                               int lastAttemptFrom) {

    public TrainingSequence {
        Objects.requireNonNull(episodeId, "episodeId");
        Objects.requireNonNull(groupId, "groupId");
        if (prompt.length == 0) {
            throw new IllegalArgumentException("episode " + episodeId + " has an empty prompt");
        }
        if (trainMask.length != response.length || oldLogProbs.length != response.length) {
            throw new IllegalArgumentException("episode " + episodeId + ": mask and log-probs must match the response");
        }
        if (!Float.isFinite(reward) || !(temperature >= 0)) {
            throw new IllegalArgumentException("episode " + episodeId + ": reward must be finite and temperature >= 0");
        }
        if (lastAttemptFrom < 0 || lastAttemptFrom > response.length) {
            throw new IllegalArgumentException("lastAttemptFrom " + lastAttemptFrom + " outside the response");
        }
    }

    /** The same sequence regressed towards another terminal reward (OREO's 0/1 from the outcome, say). */
    public TrainingSequence withReward(float newReward) {
        return new TrainingSequence(episodeId, groupId, prompt, response, trainMask, oldLogProbs, temperature,
                newReward, oldestVersion, lastAttemptFrom);
    }

    /** The same sequence training other tokens ({@code mask} one per response token). */
    public TrainingSequence withTrainMask(float[] mask) {
        return new TrainingSequence(episodeId, groupId, prompt, response, mask, oldLogProbs, temperature, reward,
                oldestVersion, lastAttemptFrom);
    }

    /** Prompt plus response tokens, what the model's context must hold. */
    public int length() {
        return prompt.length + response.length;
    }

    /** Number of trained tokens. */
    public int trainedTokens() {
        int n = 0;
        for (float m : trainMask) {
            n += m == 1f ? 1 : 0;
        }
        return n;
    }
}
