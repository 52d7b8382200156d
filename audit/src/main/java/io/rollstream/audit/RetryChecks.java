package io.rollstream.audit;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every non-closing graded attempt k is followed by exactly one retry prompt for attempt k+1, and that prompt
 * is attempt k's prompt plus the assistant turn (response prefix + response) and the feedback as a system turn.
 */
final class RetryChecks {

    private RetryChecks() {
    }

    static List<Violation> check(AuditedEpisode e) {
        List<Violation> found = new ArrayList<>();
        String id = e.episodeId();
        for (Located<GradedAttempt> g : e.gradedOnce()) {
            int next = g.value().getAttempt() + 1;
            List<Located<Prompt>> retries = e.retryPrompts().stream()
                    .filter(p -> p.value().getAttempt() == next).toList();
            if (g.value().getClosesEpisode()) {
                continue;
            }
            if (retries.isEmpty()) {
                found.add(new Violation(Check.MISSING_RETRY, id, g.ref(), "attempt " + (next - 1)
                        + " did not close the episode but no prompt for attempt " + next + " was written"));
            }
            for (int i = 1; i < retries.size(); i++) {
                found.add(new Violation(Check.DUPLICATE_RETRY, id, retries.get(i).ref(),
                        "prompt for attempt " + next + " already written at " + retries.get(0).ref()));
            }
        }
        for (Located<Prompt> p : e.retryPrompts()) {
            int k = p.value().getAttempt() - 1;
            Optional<Located<GradedAttempt>> before = e.firstGraded(k);
            if (before.isEmpty() || before.get().value().getClosesEpisode()) {
                found.add(new Violation(Check.ORPHAN_RETRY, id, p.ref(), "retry prompt for attempt " + (k + 1)
                        + " but attempt " + k + (before.isEmpty() ? " was never graded" : " closed the episode")));
                continue;
            }
            mismatch(before.get().value(), p.value()).ifPresent(why ->
                    found.add(new Violation(Check.RETRY_MISMATCH, id, p.ref(), why)));
        }
        return found;
    }

    /** The first difference between a retry prompt and the one the graded attempt before it makes. */
    static Optional<String> mismatch(GradedAttempt graded, Prompt retry) {
        Attempt a = graded.getAttemptRecord();
        Prompt previous = a.getPrompt();
        List<Message> messages = new ArrayList<>(previous.getMessages());
        String prefix = previous.getResponsePrefix();
        messages.add(new Message(Role.ASSISTANT, prefix == null ? a.getResponse() : prefix + a.getResponse()));
        messages.add(new Message(Role.SYSTEM, graded.getFeedback()));
        int tokensUsed = previous.getTokensUsed() + a.getResponseTokenIds().size();
        List<String> fields = new ArrayList<>();
        compare(fields, "attempt", graded.getAttempt() + 1, retry.getAttempt());
        compare(fields, "questionId", previous.getQuestionId(), retry.getQuestionId());
        compare(fields, "groupId", previous.getGroupId(), retry.getGroupId());
        compare(fields, "groupSize", previous.getGroupSize(), retry.getGroupSize());
        compare(fields, "maxAttempts", previous.getMaxAttempts(), retry.getMaxAttempts());
        compare(fields, "tokenBudget", previous.getTokenBudget(), retry.getTokenBudget());
        compare(fields, "tokensUsed", tokensUsed, retry.getTokensUsed());
        compare(fields, "maxNewTokens", previous.getMaxNewTokens(), retry.getMaxNewTokens());
        compare(fields, "temperature", previous.getTemperature(), retry.getTemperature());
        compare(fields, "policyVersion", previous.getPolicyVersion(), retry.getPolicyVersion());
        compare(fields, "template", previous.getTemplate(), retry.getTemplate());
        compare(fields, "responsePrefix", null, retry.getResponsePrefix());
        if (!messages.equals(retry.getMessages())) {
            fields.add("messages: expected " + messages.size() + " turns ending with the assistant response and "
                    + GradingChecks.quote(graded.getFeedback()) + ", found " + describe(retry.getMessages()));
        }
        return fields.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", fields));
    }

    private static void compare(List<String> fields, String name, Object expected, Object found) {
        Object e = expected instanceof CharSequence cs ? cs.toString() : expected;
        Object f = found instanceof CharSequence cs ? cs.toString() : found;
        if (!Objects.equals(e, f)) {
            fields.add(name + ": expected " + e + ", found " + f);
        }
    }

    private static String describe(List<Message> messages) {
        if (messages.isEmpty()) {
            return "no turns";
        }
        Message last = messages.get(messages.size() - 1);
        return messages.size() + " turns ending with " + last.getRole() + " "
                + GradingChecks.quote(last.getContent().toString());
    }
}
