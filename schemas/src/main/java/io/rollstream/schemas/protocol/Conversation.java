package io.rollstream.schemas.protocol;

import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The conversation of an episode, rebuilt from what the records hold once: the first prompt's messages and
 * response prefix, then each graded attempt's assistant turn and feedback. The grader builds every retry from
 * it, and the learner and the auditor read episodes through it, so all three agree on what the policy saw.
 */
public final class Conversation {

    /** Policy name that records written before policies were named belong to. */
    public static final String DEFAULT_POLICY = "default";

    private Conversation() {
    }

    /** The id of the prompt for attempt {@code attempt} of {@code episodeId}: {@code <episodeId>/<attempt>}. */
    public static String promptId(String episodeId, int attempt) {
        Objects.requireNonNull(episodeId, "episodeId");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt: must be >= 1, got " + attempt);
        }
        return episodeId + "/" + attempt;
    }

    /** The policy a record belongs to: its recorded name, or {@link #DEFAULT_POLICY} when it names none. */
    public static String policyOf(String recordedOrEmpty) {
        return recordedOrEmpty == null || recordedOrEmpty.isEmpty() ? DEFAULT_POLICY : recordedOrEmpty;
    }

    /**
     * The assistant turn of attempt {@code k} (1-based) as the policy wrote it: the first attempt continues
     * {@code firstPrefix} (a replayed state), later attempts start fresh turns.
     */
    public static String assistantText(int k, String firstPrefix, String response) {
        return k == 1 && firstPrefix != null ? firstPrefix + response : response;
    }

    /**
     * The conversation after {@code graded}: {@code first}, then per graded attempt its assistant turn and,
     * where the episode went on, its feedback as a system turn.
     */
    public static List<Message> after(List<Message> first, String firstPrefix, List<GradedAttempt> graded) {
        List<Message> messages = new ArrayList<>(first);
        for (GradedAttempt attempt : graded) {
            messages.add(new Message(Role.ASSISTANT,
                    assistantText(attempt.getAttempt(), firstPrefix, attempt.getAttemptRecord().getResponse())));
            if (attempt.getFeedback() != null) {
                messages.add(new Message(Role.SYSTEM, attempt.getFeedback()));
            }
        }
        return messages;
    }
}
