package io.rollstream.tasks;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a data set stores its reference answers, and how the answer a checker compares against is taken from
 * that: the same extraction the data-set loader (and so the feeder) uses, so that {@code rollstream grade} on a
 * data set's stored answers agrees with the pipeline.
 */
public enum ReferenceFormat {
    /** The stored text is the answer. */
    PLAIN,
    /** GSM8K: the worked solution, then {@code #### } and the final number (thousands commas dropped). */
    GSM8K,
    /** MATH: the answer in LaTeX, as stored. */
    MATH,
    /** AMC: a JSON float such as {@code 27.0}; the value is what is graded ({@code 27}). */
    AMC,
    /** AIME: an integer 0–999 written with leading zeros ({@code 025}); the value is what is graded. */
    AIME;

    private static final String GSM8K_ANSWER_MARK = "#### ";
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /**
     * The answer to grade against, from {@code stored}.
     *
     * @throws IllegalArgumentException when {@code stored} is not in this format (a GSM8K answer without
     *                                  {@code ####}, an AMC answer that is no number)
     */
    public String reference(String stored) {
        return switch (this) {
            case PLAIN, MATH -> stored;
            case GSM8K -> {
                int mark = stored.lastIndexOf(GSM8K_ANSWER_MARK);
                if (mark < 0) {
                    throw new IllegalArgumentException("no '" + GSM8K_ANSWER_MARK.trim() + "' before the final answer");
                }
                yield stored.substring(mark + GSM8K_ANSWER_MARK.length()).replace(",", "").trim();
            }
            case AMC -> {
                try {
                    yield new BigDecimal(stored.trim()).stripTrailingZeros().toPlainString();
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("an AMC answer is a number, got '" + stored + "'", e);
                }
            }
            case AIME -> {
                String answer = stored.trim();
                yield DIGITS.matcher(answer).matches() ? new BigDecimal(answer).toPlainString() : answer;
            }
        };
    }

    /** The format {@code dataset} stores its answers in. */
    public static ReferenceFormat of(Dataset dataset) {
        return switch (dataset) {
            case GSM8K -> GSM8K;
            case MATH500 -> MATH;
            case AMC23 -> AMC;
            case AIME24 -> AIME;
            case SYNTHETIC, ONE_SHOT -> PLAIN;
        };
    }

    /** Lower-case name, as options take it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every name, {@code plain|gsm8k|math|amc|aime}. */
    public static String ids() {
        return Arrays.stream(values()).map(ReferenceFormat::id).collect(Collectors.joining("|"));
    }

    /** Parses a name in any case; unknown names fail listing the options. */
    public static ReferenceFormat parse(String text) {
        for (ReferenceFormat f : values()) {
            if (f.id().equals(text == null ? null : text.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown reference format '" + text + "'; expected " + ids());
    }
}
