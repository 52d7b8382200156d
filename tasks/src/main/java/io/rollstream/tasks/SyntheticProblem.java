package io.rollstream.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One generated arithmetic problem: its numbers and operations, worked left to right, and the text it is shown
 * as (an expression whose standard precedence gives the same value, or a short word problem).
 *
 * @param operands   the numbers, first to last; at least two
 * @param operations the operation joining each number to the running result; one fewer than the operands
 * @param worded     whether {@code text} is a word problem rather than an expression
 * @param text       the problem statement, ending with the candidate answers when there are any
 * @param choices    the candidate answers listed in {@code text}, in the order shown, the answer among them; empty
 *                   when none are listed
 */
public record SyntheticProblem(List<Long> operands, List<Operation> operations, boolean worded, String text,
                               List<Long> choices) {

    public SyntheticProblem {
        operands = List.copyOf(operands);
        operations = List.copyOf(operations);
        choices = List.copyOf(choices);
        if (operands.size() < 2 || operations.size() != operands.size() - 1) {
            throw new IllegalArgumentException("a problem needs n >= 2 operands and n - 1 operations, got "
                    + operands.size() + " and " + operations.size());
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("problem text must not be blank");
        }
        if (!choices.isEmpty()) {
            long answer = fold(operands, operations);
            if (!choices.contains(answer) || Set.copyOf(choices).size() != choices.size()) {
                throw new IllegalArgumentException("a problem's candidate answers must be distinct and include its "
                        + "answer " + answer + ", got " + choices);
            }
        }
    }

    /** A problem that lists no candidate answers. */
    public SyntheticProblem(List<Long> operands, List<Operation> operations, boolean worded, String text) {
        this(operands, operations, worded, text, List.of());
    }

    /** The worked solution: one step per operation, each on the previous result. */
    public WorkedSolution solution() {
        List<WorkedSolution.Step> steps = new ArrayList<>();
        long value = operands.get(0);
        for (int i = 0; i < operations.size(); i++) {
            long right = operands.get(i + 1);
            long result = operations.get(i).apply(value, right);
            steps.add(new WorkedSolution.Step(value, operations.get(i), right, result));
            value = result;
        }
        return new WorkedSolution(steps);
    }

    /** The final value. */
    public long answer() {
        return fold(operands, operations);
    }

    private static long fold(List<Long> operands, List<Operation> operations) {
        long value = operands.get(0);
        for (int i = 0; i < operations.size(); i++) {
            value = operations.get(i).apply(value, operands.get(i + 1));
        }
        return value;
    }

    /**
     * The problem's structure without its wording, e.g. {@code 23+58*3} for "add 58 to 23, then triple": the
     * train/test split is decided on this, so the two wordings of one computation land in the same split.
     */
    public String structureKey() {
        StringBuilder key = new StringBuilder().append(operands.get(0));
        for (int i = 0; i < operations.size(); i++) {
            key.append(operations.get(i).symbol()).append(operands.get(i + 1));
        }
        return key.toString();
    }
}
