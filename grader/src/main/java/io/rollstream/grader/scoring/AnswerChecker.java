package io.rollstream.grader.scoring;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Grades a model response against a ground-truth answer: extracts the last boxed answer, normalises both,
 * and decides equivalence by text, number, structure and finally computer algebra, all within the
 * bounds of a {@link CheckerConfig}. Thread-safe; close it to stop its computer algebra threads.
 */
public final class AnswerChecker implements AutoCloseable {

    /** Starting Symja is a one-off cost paid at construction; this bounds it. */
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(60);

    /**
     * Answers graded once at construction, one per comparison path, so that loading and first compiling the
     * parsing and comparison code is paid here rather than inside the first attempt's time limit.
     */
    private static final String[][] WARM_UP_ANSWERS = {
        {"\\dfrac{1}{2}", "0.5"}, {"(1, \\sqrt{2})", "(1,\\sqrt 2)"}, {"\\{3, -1\\}", "-1,3"},
        {"\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}", "\\begin{pmatrix}1&0\\\\0&1\\end{pmatrix}"},
        {"x = 2\\pi", "2\\pi"}, {"(C)", "C"}, {"1,000", "1000"}, {"x^2 + 2x + 1", "(x+1)^2"}};

    private final CheckerConfig config;
    private final SymbolicComparer algebra;
    private final ShapeComparer shapes;
    private final Duration warmUp;

    /**
     * Starts and warms up the computer algebra threads and the parsing code, so no grading call pays Symja's
     * start-up or the loading of the checker's own classes.
     */
    public AnswerChecker(CheckerConfig config) {
        long started = System.nanoTime();
        this.config = Objects.requireNonNull(config, "config");
        this.algebra = new SymbolicComparer(config.algebraThreads(), WARM_UP_LIMIT);
        this.shapes = new ShapeComparer(new ScalarComparer(algebra));
        for (String[] answer : WARM_UP_ANSWERS) {
            grade("\\boxed{" + answer[0] + "}", answer[1]);
        }
        this.warmUp = Duration.ofNanos(System.nanoTime() - started);
    }

    public CheckerConfig config() {
        return config;
    }

    /** How long construction took: starting the computer algebra and the first grading calls. */
    public Duration warmUpTime() {
        return warmUp;
    }

    /**
     * Grades one response. Never throws for any content of the two strings: input that cannot be graded
     * within the configured bounds gets an {@link Grade.Unscorable} naming the bound.
     */
    public Grade grade(String response, String groundTruth) {
        Deadline deadline = Deadline.after(config.timeLimit());
        if (response == null) {
            return new Grade.Unscorable("no response");
        }
        if (groundTruth == null || groundTruth.isBlank()) {
            return new Grade.Unscorable("no ground truth");
        }
        if (response.length() > config.maxInputChars()) {
            return new Grade.Unscorable("response has " + response.length() + " chars, over the limit of "
                    + config.maxInputChars());
        }
        if (groundTruth.length() > config.maxInputChars()) {
            return new Grade.Unscorable("ground truth has " + groundTruth.length() + " chars, over the limit of "
                    + config.maxInputChars());
        }
        Optional<String> boxed = BoxedAnswer.extractLast(response);
        if (boxed.isEmpty()) {
            return new Grade.Unformatted();
        }
        String extracted = boxed.get();
        if (extracted.isBlank()) {
            return new Grade.Wrong(extracted);
        }
        // Ground truths are usually bare, but a boxed one (a worked solution) is read the same way.
        String truth = BoxedAnswer.extractLast(groundTruth).orElse(groundTruth);
        Equivalence outcome = compare(extracted, truth, deadline);
        if (outcome instanceof Equivalence.Undecidable u) {
            return new Grade.Unscorable(u.reason());
        }
        if (deadline.expired()) {
            return new Grade.Unscorable(deadline.exceeded().reason());
        }
        return outcome instanceof Equivalence.Equal ? new Grade.Correct(extracted) : new Grade.Wrong(extracted);
    }

    private Equivalence compare(String extracted, String truth, Deadline deadline) {
        try {
            String answer = AnswerNormaliser.normalise(extracted);
            String reference = AnswerNormaliser.normalise(truth);
            if (answer.isEmpty()) {
                return Equivalence.NOT_EQUAL;
            }
            if (answer.equals(reference)) {
                return Equivalence.EQUAL;
            }
            return shapes.compare(AnswerShape.of(answer), AnswerShape.of(reference), deadline);
        } catch (LatexExpression.SyntaxException e) {
            return e.isLimit() ? new Equivalence.Undecidable(e.getMessage()) : Equivalence.NOT_EQUAL;
        } catch (RuntimeException | StackOverflowError e) {
            // Whatever the answer text provokes, one attempt must not stop the grader: it becomes a verdict
            // that is dead-lettered with the cause.
            return new Equivalence.Undecidable("checker failed on this answer: " + e);
        }
    }

    @Override
    public void close() {
        algebra.close();
    }
}
