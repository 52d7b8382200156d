package io.rollstream.learner.replay;

import io.rollstream.policy.tokenizer.ChatMessage;
import java.util.List;
import java.util.Objects;

/**
 * One trained assistant response and what the learner knows about it, the input of
 * {@link ReplayCandidates#selectCandidates}.
 *
 * @param questionId   the question
 * @param origin       the episode and attempt the response belongs to
 * @param conversation turns before this response
 * @param response     the full response text
 * @param solved       whether the episode (not just this attempt) ended solved
 * @param steps        critic values at step boundaries of {@code response} (see {@link StepBoundaries})
 */
public record CandidateSource(String questionId, EpisodeOrigin origin, List<ChatMessage> conversation,
                              String response, boolean solved, List<StepValue> steps) {

    public CandidateSource {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(response, "response");
        conversation = List.copyOf(conversation);
        steps = List.copyOf(steps);
        for (StepValue step : steps) {
            if (!StepBoundaries.isBoundary(response, step.offset())) {
                throw new IllegalArgumentException("offset " + step.offset() + " is not a step boundary of the response");
            }
        }
    }
}
