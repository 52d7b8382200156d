package io.rollstream.schemas.protocol;

import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * The multi-attempt protocol of "Learning from Failures in Multi-Attempt RL": the exact system prompt and
 * feedback texts, and the terminal reward. The feeder, the grader and the auditor all use this one class,
 * so what the auditor checks is what the grader did.
 */
public final class EpisodeProtocol {

    /** Reward when some attempt was correct. */
    public static final float REWARD_SOLVED = 1.0f;
    /** Reward when some attempt gave a boxed wrong answer and none was correct. */
    public static final float REWARD_FAILED = -0.5f;
    /** Reward when no attempt produced a box (including attempts cut off by the length limit). */
    public static final float REWARD_NO_ANSWER = -1.0f;

    private EpisodeProtocol() {
    }

    /** The paper's system prompt for an episode of {@code maxAttempts} attempts. */
    public static String systemPrompt(int maxAttempts) {
        return systemPrompt(ProtocolTemplate.PAPER, maxAttempts);
    }

    /** The system prompt in the given wording; COMPACT fits the small context of the built-in models. */
    public static String systemPrompt(ProtocolTemplate template, int maxAttempts) {
        requirePositive(maxAttempts);
        return switch (template) {
            case PAPER -> String.format(Locale.ROOT,
                    "Please reason step by step, and put your final answer within \\boxed{}. You have %d attempts "
                            + "to answer the questions, and you should provide the full reasoning steps in each attempt.",
                    maxAttempts);
            case COMPACT -> String.format(Locale.ROOT, "Answer in \\boxed{}. %d attempts.", maxAttempts);
        };
    }

    /** The paper's feedback turn after a wrong attempt, with {@code attemptsLeft} = N - k attempts remaining. */
    public static String feedback(int attemptsLeft) {
        return feedback(ProtocolTemplate.PAPER, attemptsLeft);
    }

    /** The feedback turn after a wrong attempt in the given wording. */
    public static String feedback(ProtocolTemplate template, int attemptsLeft) {
        requirePositive(attemptsLeft);
        return switch (template) {
            case PAPER -> String.format(Locale.ROOT,
                    "Your answer is incorrect. You have %d attempts left. Try an alternative.", attemptsLeft);
            case COMPACT -> String.format(Locale.ROOT, "Incorrect. %d left. Try another.", attemptsLeft);
        };
    }

    /**
     * The reward an attempt earns if the episode ends with it: +1 correct, -0.5 boxed but wrong, -1 no box;
     * null for an unscorable attempt, which must never be mistaken for a reward of 0.
     */
    public static Float attemptReward(Verdict verdict) {
        return switch (verdict) {
            case CORRECT -> REWARD_SOLVED;
            case WRONG -> REWARD_FAILED;
            case UNFORMATTED -> REWARD_NO_ANSWER;
            case UNSCORABLE -> null;
        };
    }

    /**
     * How an episode whose attempts got these verdicts ends: SOLVED if any is correct, otherwise UNSCORABLE if
     * any could not be graded, otherwise FAILED if any gave a boxed wrong answer, otherwise NO_ANSWER.
     */
    public static Outcome outcome(List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            throw new IllegalArgumentException("an episode outcome needs at least one graded attempt");
        }
        if (verdicts.contains(Verdict.CORRECT)) {
            return Outcome.SOLVED;
        }
        if (verdicts.contains(Verdict.UNSCORABLE)) {
            return Outcome.UNSCORABLE;
        }
        return verdicts.contains(Verdict.WRONG) ? Outcome.FAILED : Outcome.NO_ANSWER;
    }

    /** Terminal reward of an outcome; null for TIMEOUT and UNSCORABLE, which are not trained on. */
    public static Float terminalReward(Outcome outcome) {
        return switch (outcome) {
            case SOLVED -> REWARD_SOLVED;
            case FAILED -> REWARD_FAILED;
            case NO_ANSWER -> REWARD_NO_ANSWER;
            case TIMEOUT, UNSCORABLE -> null;
        };
    }

    /**
     * Whether the episode ends after attempt {@code attempt} of {@code maxAttempts} with this verdict:
     * correct, unscorable, out of attempts, or out of token budget ({@code tokenBudget} 0 = unlimited).
     */
    public static boolean closesAfter(Verdict verdict, int attempt, int maxAttempts, int tokensUsed, int tokenBudget) {
        return verdict == Verdict.CORRECT
                || verdict == Verdict.UNSCORABLE
                || attempt >= maxAttempts
                || (tokenBudget > 0 && tokensUsed >= tokenBudget);
    }

    private static void requirePositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("attempt count must be >= 1, got " + n);
        }
    }
}
