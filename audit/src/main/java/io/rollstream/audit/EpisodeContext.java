package io.rollstream.audit;

import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Trajectory;
import java.util.List;
import java.util.Objects;

/**
 * What an episode was opened with, which the lean attempt records only refer to: taken from the episode's first
 * prompt, or, once the prompts topic no longer holds it, from its trajectory.
 *
 * @param questionId    the question
 * @param groupId       GRPO group
 * @param groupSize     size of the group
 * @param maxAttempts   attempts allowed
 * @param tokenBudget   response tokens the episode may spend (0 = no limit)
 * @param tokensUsed    tokens already spent when the episode opened
 * @param template      wording of the feedback turns
 * @param messages      the first prompt's conversation
 * @param prefix        the first attempt's response prefix, or null
 * @param pinned        whether attempts had to use a pinned policy version (evaluation)
 * @param firstPrompt   the first prompt when the topic still holds it, else null
 */
record EpisodeContext(String questionId, String groupId, int groupSize, int maxAttempts, int tokenBudget,
                      int tokensUsed, ProtocolTemplate template, List<Message> messages, String prefix, boolean pinned,
                      Prompt firstPrompt) {

    EpisodeContext {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(template, "template");
        messages = List.copyOf(messages);
    }

    static EpisodeContext of(Prompt first) {
        return new EpisodeContext(first.getQuestionId(), first.getGroupId(), first.getGroupSize(),
                first.getMaxAttempts(), first.getTokenBudget(), first.getTokensUsed(), first.getTemplate(),
                first.getMessages(), first.getResponsePrefix(), first.getPolicyVersion() != null, first);
    }

    /** From a trajectory: an evaluation episode counts as pinned, since its prompt is gone. */
    static EpisodeContext of(Trajectory t) {
        int responses = t.getAttempts().stream()
                .mapToInt(g -> g.getAttemptRecord().getResponseTokenIds().size()).sum();
        return new EpisodeContext(t.getQuestionId(), t.getGroupId(), t.getGroupSize(), t.getMaxAttempts(),
                t.getTokenBudget(), t.getTokensUsed() - responses, t.getTemplate(), t.getMessages(), t.getResponsePrefix(),
                t.getOrigin() == PromptOrigin.EVAL, null);
    }
}
