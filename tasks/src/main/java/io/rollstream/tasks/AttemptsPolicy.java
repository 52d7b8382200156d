package io.rollstream.tasks;

import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many attempts N an episode gets: a fixed k (evaluation, or single-turn training with k = 1) or drawn
 * uniformly from a range per episode group (the multi-attempt paper trains with 1..5).
 */
public sealed interface AttemptsPolicy permits AttemptsPolicy.Fixed, AttemptsPolicy.Uniform {

    /** Most attempts accepted: every attempt re-sends the whole conversation, so more than this is a typo. */
    int MOST = 20;

    /** The paper's training setting: N uniform in 1..5. */
    AttemptsPolicy PAPER_TRAINING = new Uniform(1, 5);

    /** Draws N. */
    int draw(RandomGenerator random);

    /** The largest N this policy can draw. */
    int max();

    /** The same policy restricted to N >= {@code least}; empty when it never draws that many. */
    Optional<AttemptsPolicy> atLeast(int least);

    /** Parses {@code k} (e.g. 3) or a range {@code min-max} (e.g. 1-5, also 1..5); fails naming the key. */
    static AttemptsPolicy parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher range = Pattern.compile("(\\d{1,3})\\s*(?:-|\\.\\.)\\s*(\\d{1,3})").matcher(trimmed);
        try {
            if (trimmed.matches("\\d{1,3}")) {
                return new Fixed(Integer.parseInt(trimmed));
            }
            if (range.matches()) {
                int min = Integer.parseInt(range.group(1));
                int max = Integer.parseInt(range.group(2));
                return min == max ? new Fixed(min) : new Uniform(min, max);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", got '" + text + "'", e);
        }
        throw new IllegalArgumentException("attempts: expected a count k (e.g. 3) or a range min-max (e.g. 1-5), got '"
                + text + "'");
    }

    /**
     * Always N = k.
     *
     * @param attempts k, 1..{@value #MOST}
     */
    record Fixed(int attempts) implements AttemptsPolicy {

        public Fixed {
            if (attempts < 1 || attempts > MOST) {
                throw new IllegalArgumentException("attempts: must be between 1 and " + MOST);
            }
        }

        @Override
        public int draw(RandomGenerator random) {
            return attempts;
        }

        @Override
        public int max() {
            return attempts;
        }

        @Override
        public Optional<AttemptsPolicy> atLeast(int least) {
            return attempts >= least ? Optional.of(this) : Optional.empty();
        }

        @Override
        public String toString() {
            return Integer.toString(attempts);
        }
    }

    /**
     * N uniform in {@code min..max}, both included.
     *
     * @param min smallest N, at least 1
     * @param max largest N, above min and at most {@value #MOST}
     */
    record Uniform(int min, int max) implements AttemptsPolicy {

        public Uniform {
            if (min < 1 || max <= min || max > MOST) {
                throw new IllegalArgumentException("attempts: a range needs 1 <= min < max <= " + MOST);
            }
        }

        @Override
        public int draw(RandomGenerator random) {
            return min + random.nextInt(max - min + 1);
        }

        @Override
        public Optional<AttemptsPolicy> atLeast(int least) {
            if (max < least) {
                return Optional.empty();
            }
            return Optional.of(max == Math.max(min, least) ? new Fixed(max) : new Uniform(Math.max(min, least), max));
        }

        @Override
        public String toString() {
            return min + "-" + max;
        }
    }
}
