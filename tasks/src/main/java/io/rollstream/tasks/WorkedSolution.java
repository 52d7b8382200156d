package io.rollstream.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A worked solution in the synthetic task's format: one line per step, {@code left<op>right=result}, each
 * step's left operand the previous result, then {@code \boxed{result}}; for example
 * {@code "23+58=81\n81*3=243\n\boxed{243}"}.
 *
 * @param steps the steps in order; at least one
 */
public record WorkedSolution(List<Step> steps) {

    private static final Pattern STEP = Pattern.compile("(-?\\d+)([-+*/])(\\d+)=(-?\\d+)");
    private static final Pattern BOXED = Pattern.compile("\\\\boxed\\{(-?\\d+)}");
    private static final int SLIP_TRIES = 16;

    /**
     * One line of a worked solution; {@code result} is what was written, which a slipped step gets wrong.
     *
     * @param left   the left operand
     * @param op     the operation
     * @param right  the right operand
     * @param result the result as written
     */
    public record Step(long left, Operation op, long right, long result) {

        /** Whether the written result is the true one. */
        public boolean isCorrect() {
            try {
                return op.apply(left, right) == result;
            } catch (ArithmeticException e) {
                return false;
            }
        }

        /** The step as one line, e.g. {@code 23+58=81}. */
        public String render() {
            return Long.toString(left) + op.symbol() + right + "=" + result;
        }
    }

    public WorkedSolution {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a worked solution needs at least one step");
        }
    }

    /** The boxed final answer: the last step's result. */
    public long answer() {
        return steps.get(steps.size() - 1).result();
    }

    /** The text: the step lines, then {@code \boxed{answer}}. */
    public String render() {
        StringBuilder text = new StringBuilder();
        for (Step step : steps) {
            text.append(step.render()).append('\n');
        }
        return text.append("\\boxed{").append(answer()).append('}').toString();
    }

    /** Reads a text written by {@link #render()}; empty if it is in any other format. */
    public static Optional<WorkedSolution> parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 2) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.length - 1; i++) {
            Matcher m = STEP.matcher(lines[i]);
            if (!m.matches()) {
                return Optional.empty();
            }
            long left = Long.parseLong(m.group(1));
            if (!steps.isEmpty() && steps.get(steps.size() - 1).result() != left) {
                return Optional.empty();
            }
            steps.add(new Step(left, Operation.ofSymbol(m.group(2).charAt(0)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4))));
        }
        Matcher boxed = BOXED.matcher(lines[lines.length - 1]);
        if (!boxed.matches() || Long.parseLong(boxed.group(1)) != steps.get(steps.size() - 1).result()) {
            return Optional.empty();
        }
        return Optional.of(new WorkedSolution(steps));
    }

    /**
     * A plausible wrong attempt: one step's result gets one digit changed (the slip a character-level model
     * makes), and every later step is worked correctly from the wrong value, so the attempt is self-consistent
     * and ends at a different boxed answer. Tries random steps first; the last step can always slip.
     */
    public WorkedSolution withSlip(RandomGenerator random) {
        for (int tries = 0; tries < SLIP_TRIES; tries++) {
            Optional<WorkedSolution> slipped = slipAt(random.nextInt(steps.size()), random);
            if (slipped.isPresent()) {
                return slipped.get();
            }
        }
        return slipAt(steps.size() - 1, random).orElseThrow();
    }

    private Optional<WorkedSolution> slipAt(int index, RandomGenerator random) {
        List<Step> out = new ArrayList<>(steps.subList(0, index));
        Step slipped = steps.get(index);
        long wrong = changeOneDigit(slipped.result(), random);
        out.add(new Step(slipped.left(), slipped.op(), slipped.right(), wrong));
        long value = wrong;
        for (Step later : steps.subList(index + 1, steps.size())) {
            long result;
            try {
                result = later.op().apply(value, later.right());
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
            if (result < 0) {
                return Optional.empty();
            }
            out.add(new Step(value, later.op(), later.right(), result));
            value = result;
        }
        return value == answer() ? Optional.empty() : Optional.of(new WorkedSolution(out));
    }

    private static long changeOneDigit(long value, RandomGenerator random) {
        char[] digits = Long.toString(Math.abs(value)).toCharArray();
        int position = random.nextInt(digits.length);
        // A leading digit never becomes 0, so the number keeps its length.
        int lowest = position == 0 && digits.length > 1 ? 1 : 0;
        char replacement;
        do {
            replacement = (char) ('0' + lowest + random.nextInt(10 - lowest));
        } while (replacement == digits[position]);
        digits[position] = replacement;
        long changed = Long.parseLong(new String(digits));
        return value < 0 ? -changed : changed;
    }
}
