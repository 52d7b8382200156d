package io.rollstream.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigitStepsTest {

    private static Optional<String> one(long left, Operation op, long right) {
        return DigitSteps.render(new WorkedSolution(List.of(new WorkedSolution.Step(left, op, right,
                op.apply(left, right)))));
    }

    @Test
    void shouldWriteAnAdditionUnitsFirstWithItsCarry() {
        // 3+8 = 11: write 1, carry 1; 2+5+1 = 8.
        assertEquals(Optional.of("3+8=11\n2+5+1=8\n\\boxed{81}"), one(23, Operation.ADD, 58));
        // 58+63: 8+3 = 11, carry; 5+6+1 = 12; the last line's 12 leads the answer 121.
        assertEquals(Optional.of("8+3=11\n5+6+1=12\n\\boxed{121}"), one(58, Operation.ADD, 63));
        assertEquals(Optional.of("7+5=12\n\\boxed{12}"), one(7, Operation.ADD, 5));
    }

    @Test
    void shouldWriteASubtractionUnitsFirstWithItsBorrow() {
        // 2-7 borrows: 12-7 = 5; 5-1-1 = 3.
        assertEquals(Optional.of("12-7=5\n5-1-1=3\n\\boxed{35}"), one(52, Operation.SUBTRACT, 17));
        assertEquals(Optional.of("5-0=5\n2-1=1\n\\boxed{15}"), one(25, Operation.SUBTRACT, 10));
        // 30-4: 10-4 = 6, borrow; 3-0-1 = 2.
        assertEquals(Optional.of("10-4=6\n3-0-1=2\n\\boxed{26}"), one(30, Operation.SUBTRACT, 4));
    }

    @Test
    void shouldLeaveOtherSolutionsToTheOneLinePerStepFormat() {
        assertEquals(Optional.empty(), one(6, Operation.MULTIPLY, 7));
        assertEquals(Optional.empty(), DigitSteps.render(new WorkedSolution(List.of(
                new WorkedSolution.Step(2, Operation.ADD, 3, 5), new WorkedSolution.Step(5, Operation.ADD, 1, 6)))));
    }

    @Test
    void shouldWorkEveryEasyProblemSoItsBoxedAnswerIsTheAnswer() {
        for (TaskItem item : new SyntheticTask(SyntheticDifficulty.EASY).items("train", 300, 5)) {
            assertTrue(item.solution().endsWith("\\boxed{" + item.answer() + "}"), item.solution());
            for (String line : item.solution().split("\n")) {
                if (line.startsWith("\\boxed")) {
                    continue;
                }
                String[] sides = line.split("=");
                assertEquals(Long.parseLong(sides[1]), evaluate(sides[0]), line);
            }
        }
    }

    private static long evaluate(String digits) {
        long value = 0;
        int sign = 1;
        for (String token : digits.split("(?=[-+])|(?<=[-+])")) {
            switch (token) {
                case "+" -> sign = 1;
                case "-" -> sign = -1;
                default -> value += sign * Long.parseLong(token);
            }
        }
        return value;
    }
}
