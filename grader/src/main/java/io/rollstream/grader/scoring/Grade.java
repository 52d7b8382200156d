package io.rollstream.grader.scoring;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of grading one response against a ground-truth answer: a closed set of four cases that
 * the grader turns into rewards (Correct, Wrong), format penalties (Unformatted) or dead letters (Unscorable).
 */
public sealed interface Grade permits Grade.Correct, Grade.Wrong, Grade.Unformatted, Grade.Unscorable {

    /** The wire label of this verdict: CORRECT, WRONG, UNFORMATTED or UNSCORABLE. */
    String name();

    /** The boxed answer the verdict was reached on, when the response had one. */
    Optional<String> extracted();

    /** The boxed answer is equivalent to the ground truth. */
    record Correct(String extractedAnswer) implements Grade {
        public Correct {
            Objects.requireNonNull(extractedAnswer, "extractedAnswer");
        }

        @Override
        public String name() {
            return "CORRECT";
        }

        @Override
        public Optional<String> extracted() {
            return Optional.of(extractedAnswer);
        }
    }

    /** The response has a complete box whose content (possibly empty) is not equivalent to the ground truth. */
    record Wrong(String extractedAnswer) implements Grade {
        public Wrong {
            Objects.requireNonNull(extractedAnswer, "extractedAnswer");
        }

        @Override
        public String name() {
            return "WRONG";
        }

        @Override
        public Optional<String> extracted() {
            return Optional.of(extractedAnswer);
        }
    }

    /** The response has no complete {@code \boxed{...}} answer. */
    record Unformatted() implements Grade {
        @Override
        public String name() {
            return "UNFORMATTED";
        }

        @Override
        public Optional<String> extracted() {
            return Optional.empty();
        }
    }

    /**
     * The answer could not be graded within the configured bounds (size, time, nesting, number range) or
     * the input itself was unusable; the reason says which, so operators can tell them apart.
     */
    record Unscorable(String reason) implements Grade {
        public Unscorable {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("an Unscorable verdict needs a reason");
            }
        }

        @Override
        public String name() {
            return "UNSCORABLE";
        }

        @Override
        public Optional<String> extracted() {
            return Optional.empty();
        }
    }
}
