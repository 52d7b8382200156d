package io.rollstream.audit;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.protocol.Conversation;
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
            Optional<EpisodeContext> context = e.context();
            if (context.isPresent()) {
                List<GradedAttempt> upTo = e.gradedOnce().stream().map(Located::value)
                        .filter(g -> g.getAttempt() <= k).toList();
                mismatch(context.get(), upTo, p.value()).ifPresent(why ->
                        found.add(new Violation(Check.RETRY_MISMATCH, id, p.ref(), why)));
            }
        }
        return found;
    }

    /**
     * The first difference between a retry prompt and the one the grader must build after {@code graded} (the
     * episode's graded attempts up to the one before the retry) for an episode opened with {@code context}.
     */
    static Optional<String> mismatch(EpisodeContext context, List<GradedAttempt> graded, Prompt retry) {
        GradedAttempt last = graded.get(graded.size() - 1);
        List<Message> messages = Conversation.after(context.messages(), context.prefix(), graded);
        int tokensUsed = context.tokensUsed() + graded.stream()
                .mapToInt(g -> g.getAttemptRecord().getResponseTokenIds().size()).sum();
        List<String> fields = new ArrayList<>();
        compare(fields, "attempt", last.getAttempt() + 1, retry.getAttempt());
        compare(fields, "questionId", context.questionId(), retry.getQuestionId());
        compare(fields, "groupId", context.groupId(), retry.getGroupId());
        compare(fields, "groupSize", context.groupSize(), retry.getGroupSize());
        compare(fields, "maxAttempts", context.maxAttempts(), retry.getMaxAttempts());
        compare(fields, "tokenBudget", context.tokenBudget(), retry.getTokenBudget());
        compare(fields, "tokensUsed", tokensUsed, retry.getTokensUsed());
        compare(fields, "template", context.template(), retry.getTemplate());
        compare(fields, "responsePrefix", null, retry.getResponsePrefix());
        if (!retry.getPromptId().isEmpty()) { // written by a grader that names prompts
            compare(fields, "promptId", Conversation.promptId(last.getEpisodeId(), last.getAttempt() + 1),
                    retry.getPromptId());
        }
        Prompt first = context.firstPrompt();
        if (first != null) {
            compare(fields, "maxNewTokens", first.getMaxNewTokens(), retry.getMaxNewTokens());
            compare(fields, "temperature", first.getTemperature(), retry.getTemperature());
            compare(fields, "policyVersion", first.getPolicyVersion(), retry.getPolicyVersion());
            compare(fields, "policyName", Conversation.policyOf(first.getPolicyName()),
                    Conversation.policyOf(retry.getPolicyName()));
            compare(fields, "runId", first.getRunId(), retry.getRunId());
        }
        if (!messages.equals(retry.getMessages())) {
            fields.add("messages: expected " + messages.size() + " turns ending with the assistant response and "
                    + GradingChecks.quote(last.getFeedback()) + ", found " + describe(retry.getMessages()));
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
