package io.rollstream.tasks;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The knobs of the synthetic arithmetic task, and its three presets. Every intermediate result stays within
 * {@code [0, maxValue]}, which with at most five operands keeps a worked solution under 120 characters.
 *
 * @param name          preset name, or any label for a custom setting
 * @param minOperands   fewest numbers in a problem (2..5); a problem has operands - 1 steps
 * @param maxOperands   most numbers in a problem (minOperands..5)
 * @param minDigits     fewest digits of an added or subtracted number and of the first number (1..4)
 * @param maxDigits     most digits of those numbers (minDigits..4)
 * @param operations    the operations problems may use; at least one
 * @param maxMultiplier largest multiplier and divisor (2..99); they are drawn from 2..maxMultiplier
 * @param maxValue      largest intermediate or final result (at least 10^maxDigits - 1, at most 99999)
 * @param wordShare     share of problems phrased as a short word problem instead of an expression (0..1)
 * @param choices       candidate answers listed after the problem, one of them right (0: none listed; else 2..5)
 */
public record SyntheticDifficulty(String name, int minOperands, int maxOperands, int minDigits, int maxDigits,
                                  Set<Operation> operations, int maxMultiplier, long maxValue, double wordShare,
                                  int choices) {

    /** The names {@link #parse} accepts, for option labels and messages. */
    public static final String NAMES = "easy|medium|hard|choice";

    /** Two numbers of one or two digits, added or subtracted, written as an expression: one step. */
    public static final SyntheticDifficulty EASY = new SyntheticDifficulty("easy", 2, 2, 1, 2,
            EnumSet.of(Operation.ADD, Operation.SUBTRACT), 9, 999, 0.0, 0);
    /** Two or three numbers, +, - and * by 2..9, results up to 999; a third are word problems: 1-2 steps. */
    public static final SyntheticDifficulty MEDIUM = new SyntheticDifficulty("medium", 2, 3, 1, 2,
            EnumSet.of(Operation.ADD, Operation.SUBTRACT, Operation.MULTIPLY), 9, 999, 0.3, 0);
    /** Three or four numbers of up to three digits, all four operations, results up to 9999: 2-3 steps. */
    public static final SyntheticDifficulty HARD = new SyntheticDifficulty("hard", 3, 4, 1, 3,
            EnumSet.allOf(Operation.class), 12, 9999, 0.5, 0);

    /**
     * {@link #EASY}'s problems with three candidate answers listed, one right and two within 10 of it
     * ({@code Compute 23+58. Choices: 85, 81, 78.}): a wrong attempt rules one candidate out, so a retry that reads
     * the failed attempt picks between two where a retry that ignores it picks among three.
     */
    public static final SyntheticDifficulty CHOICE = new SyntheticDifficulty("choice", 2, 2, 1, 2,
            EnumSet.of(Operation.ADD, Operation.SUBTRACT), 9, 999, 0.0, 3);

    private static final List<SyntheticDifficulty> PRESETS = List.of(EASY, MEDIUM, HARD, CHOICE);
    private static final int MOST_CHOICES = 5;
    private static final int MOST_OPERANDS = 5;
    private static final int MOST_DIGITS = 4;
    private static final long LARGEST_VALUE = 99_999;

    public SyntheticDifficulty {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("difficulty name must not be blank");
        }
        if (minOperands < 2 || maxOperands < minOperands || maxOperands > MOST_OPERANDS) {
            throw new IllegalArgumentException("difficulty operands: need 2 <= min <= max <= " + MOST_OPERANDS
                    + ", got " + minOperands + ".." + maxOperands);
        }
        if (minDigits < 1 || maxDigits < minDigits || maxDigits > MOST_DIGITS) {
            throw new IllegalArgumentException("difficulty digits: need 1 <= min <= max <= " + MOST_DIGITS
                    + ", got " + minDigits + ".." + maxDigits);
        }
        if (operations == null || operations.isEmpty()) {
            throw new IllegalArgumentException("difficulty operations: need at least one");
        }
        operations = Set.copyOf(operations);
        if (maxMultiplier < 2 || maxMultiplier > 99) {
            throw new IllegalArgumentException("difficulty maxMultiplier: need 2..99, got " + maxMultiplier);
        }
        if (maxValue < largestNumber(maxDigits) || maxValue > LARGEST_VALUE) {
            throw new IllegalArgumentException("difficulty maxValue: need " + largestNumber(maxDigits) + ".."
                    + LARGEST_VALUE + ", got " + maxValue);
        }
        if (!(wordShare >= 0 && wordShare <= 1)) {
            throw new IllegalArgumentException("difficulty wordShare: need 0..1, got " + wordShare);
        }
        if (choices != 0 && (choices < 2 || choices > MOST_CHOICES)) {
            throw new IllegalArgumentException("difficulty choices: need 0 or 2.." + MOST_CHOICES + ", got " + choices);
        }
    }

    /** A setting that lists no candidate answers. */
    public SyntheticDifficulty(String name, int minOperands, int maxOperands, int minDigits, int maxDigits,
                               Set<Operation> operations, int maxMultiplier, long maxValue, double wordShare) {
        this(name, minOperands, maxOperands, minDigits, maxDigits, operations, maxMultiplier, maxValue, wordShare, 0);
    }

    /** The presets, easiest first. */
    public static List<SyntheticDifficulty> presets() {
        return PRESETS;
    }

    /** A preset by name ({@value #NAMES}, case-insensitive); fails listing the options. */
    public static SyntheticDifficulty parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return PRESETS.stream().filter(p -> p.name.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("difficulty: expected one of " + NAMES + ", got '"
                        + text + "'"));
    }

    /** The largest number with {@code digits} digits. */
    static long largestNumber(int digits) {
        return (long) Math.pow(10, digits) - 1;
    }

    @Override
    public String toString() {
        return name;
    }
}
