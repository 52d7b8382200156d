package io.rollstream.bench;

import java.util.Locale;
import java.util.Objects;

/**
 * A benchmark question with its ground truth and the answers scripted attempts give: the same text, an
 * equivalent text the checker must recognise, and a wrong one.
 *
 * @param questionId       the question id (record key on the questions topic)
 * @param problem          the problem statement shown in the prompt
 * @param answer           the ground truth, as the grader stores it
 * @param equivalentAnswer a different text of the same value
 * @param wrongAnswer      a text of a different value
 */
public record ScriptedQuestion(String questionId, String problem, String answer, String equivalentAnswer,
                               String wrongAnswer) {

    /** Number of answer shapes {@link #numbered} cycles through. */
    public static final int SHAPES = 6;

    public ScriptedQuestion {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(equivalentAnswer, "equivalentAnswer");
        Objects.requireNonNull(wrongAnswer, "wrongAnswer");
        if (answer.equals(equivalentAnswer) || answer.equals(wrongAnswer)) {
            throw new IllegalArgumentException("question " + questionId + " needs three different answer texts");
        }
    }

    /**
     * Question {@code index}: integers, LaTeX fractions, a surd, ordered pairs, polynomials and decimals in turn,
     * each with numbers of its own so ground truths differ.
     */
    public static ScriptedQuestion numbered(String questionId, int index) {
        int n = 2 + index / SHAPES;
        return switch (index % SHAPES) {
            case 0 -> new ScriptedQuestion(questionId,
                    fmt("A crate holds %d boxes of 7 apples each. How many apples are in the crate?", n),
                    fmt("%d", 7 * n), fmt("%d.0", 7 * n), fmt("%d", 7 * n + 1));
            case 1 -> new ScriptedQuestion(questionId,
                    fmt("Write %d divided by %d as a fraction in lowest terms.", n, n + 1),
                    fmt("\\frac{%d}{%d}", n, n + 1), fmt("%d/%d", n, n + 1), fmt("\\frac{%d}{%d}", n + 1, n));
            case 2 -> new ScriptedQuestion(questionId,
                    fmt("Compute \\sin(\\pi/4) exactly (question %d).", n),
                    "\\frac{\\sqrt{2}}{2}", "\\sqrt{2}/2", "\\sqrt{3}/2");
            case 3 -> new ScriptedQuestion(questionId,
                    fmt("Solve the system x + y = %d, x - y = -1 and give (x,y).", 2 * n + 1),
                    fmt("(%d,%d)", n, n + 1), fmt("(%d, %d)", n, n + 1), fmt("(%d,%d)", n + 1, n));
            case 4 -> new ScriptedQuestion(questionId,
                    fmt("Find the monic quadratic p(x) with no x term and p(0) = %d.", n),
                    fmt("x^2+%d", n), fmt("%d+x^2", n), fmt("x^2-%d", n));
            default -> new ScriptedQuestion(questionId,
                    fmt("Write %d/2 as a decimal.", 2 * n + 1),
                    fmt("%d.5", n), fmt("\\frac{%d}{2}", 2 * n + 1), fmt("%d.25", n));
        };
    }

    /** The boxed text an attempt following {@code script} gives (the unboxed script gives the correct text). */
    public String answerFor(AnswerScript script) {
        return switch (script) {
            case CORRECT, UNBOXED -> answer;
            case CORRECT_EQUIVALENT -> equivalentAnswer;
            case WRONG -> wrongAnswer;
        };
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
