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

    private final CheckerConfig config;
    private final SymbolicComparer algebra;
    private final ShapeComparer shapes;

    /** Starts and warms up the computer algebra threads, so no grading call pays Symja's start-up. */
    public AnswerChecker(CheckerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.algebra = new SymbolicComparer(config.algebraThreads(), WARM_UP_LIMIT);
        this.shapes = new ShapeComparer(new ScalarComparer(algebra));
    }

    public CheckerConfig config() {
        return config;
    }

    /** How long starting the computer algebra took at construction. */
    public Duration warmUpTime() {
        return algebra.warmUpTime();
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
