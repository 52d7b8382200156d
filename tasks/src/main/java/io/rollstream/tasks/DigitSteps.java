package io.rollstream.tasks;

import java.util.Optional;

/**
 * A worked solution for one addition or subtraction written digit by digit, units first, with the carry or
 * borrow written out: {@code 23+58} becomes {@code 3+8=11\n2+5+1=8\n\boxed{81}} and {@code 52-17} becomes
 * {@code 12-7=5\n5-1-1=3\n\boxed{35}}. Each line is a one-digit fact, so a small character-level model learns
 * the sum from a few thousand examples, where writing {@code 23+58=81} directly leaves it guessing the digits.
 */
public final class DigitSteps {

    private DigitSteps() {
    }

    /** The digit-by-digit text of a single-step solution, or empty when it is not one addition or subtraction. */
    public static Optional<String> render(WorkedSolution solution) {
        if (solution.steps().size() != 1) {
            return Optional.empty();
        }
        WorkedSolution.Step step = solution.steps().get(0);
        if (step.left() < 0 || step.right() < 0 || step.result() < 0
                || (step.op() != Operation.ADD && step.op() != Operation.SUBTRACT)) {
            return Optional.empty();
        }
        return Optional.of(digits(step.left(), step.right(), step.op() == Operation.ADD) + "\\boxed{" + step.result()
                + "}");
    }

    private static String digits(long left, long right, boolean add) {
        StringBuilder out = new StringBuilder();
        int carry = 0;
        long x = left;
        long y = right;
        do {
            int a = (int) (x % 10);
            int b = (int) (y % 10);
            String pending = carry > 0 ? (add ? "+1" : "-1") : "";
            if (add) {
                int sum = a + b + carry;
                out.append(a).append('+').append(b).append(pending).append('=').append(sum).append('\n');
                carry = sum / 10;
            } else {
                int difference = a - b - carry;
                int top = difference < 0 ? a + 10 : a;
                out.append(top).append('-').append(b).append(pending).append('=')
                        .append(difference < 0 ? difference + 10 : difference).append('\n');
                carry = difference < 0 ? 1 : 0;
            }
            x /= 10;
            y /= 10;
        } while (x > 0 || y > 0);
        return out.toString();
    }
}
