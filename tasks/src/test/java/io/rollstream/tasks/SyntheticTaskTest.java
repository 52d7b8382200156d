package io.rollstream.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticTaskTest {

    private static final Pattern STEP_LINE = Pattern.compile("(\\d+)([-+*/])(\\d+)=(\\d+)");

    @Test
    void shouldGenerateTheSameProblemsForTheSameSeed() {
        SyntheticTask task = new SyntheticTask(SyntheticDifficulty.MEDIUM);
        List<TaskItem> first = task.items("train", 200, 7);
        assertEquals(first, task.items("train", 200, 7));
        assertNotEquals(first, task.items("train", 200, 8));
    }

    @Test
    void shouldGiveTheAnswerOfItsStructureTextAndWorkedSteps() {
        for (SyntheticDifficulty difficulty : SyntheticDifficulty.presets()) {
            SyntheticTask task = new SyntheticTask(difficulty);
            for (SyntheticProblem problem : task.generate("train", 500, 11)) {
                long folded = problem.operands().get(0);
                for (int i = 0; i < problem.operations().size(); i++) {
                    long b = problem.operands().get(i + 1);
                    folded = switch (problem.operations().get(i)) {
                        case ADD -> folded + b;
                        case SUBTRACT -> folded - b;
                        case MULTIPLY -> folded * b;
                        case DIVIDE -> {
                            assertEquals(0, folded % b, problem.text());
                            yield folded / b;
                        }
                    };
                    assertTrue(folded >= 0 && folded <= difficulty.maxValue(), problem.text());
                }
                TaskItem item = SyntheticTask.toItem(problem, "train");
                assertEquals(Long.toString(folded), item.answer(), problem.text());
                if (problem.operands().size() == 2 && problem.operations().get(0) != Operation.MULTIPLY
                        && problem.operations().get(0) != Operation.DIVIDE) {
                    assertTrue(item.solution().endsWith("\\boxed{" + folded + "}"), item.solution()); // DigitStepsTest
                } else {
                    assertEquals(folded, stepsAnswer(item.solution()), item.solution());
                }
                if (!problem.worded()) {
                    String text = problem.text().replaceFirst(" Choices: [0-9, ]+\\.$", "");
                    String expression = text.substring("Compute ".length(), text.length() - 1);
                    assertEquals(folded, new Evaluator(expression).evaluate(), problem.text());
                } else {
                    problem.operands().forEach(n -> assertTrue(problem.text().contains(Long.toString(n)),
                            problem.text()));
                }
            }
        }
    }

    @Test
    void shouldKeepTrainAndTestDisjointWhateverTheSeed() {
        for (SyntheticDifficulty difficulty : SyntheticDifficulty.presets()) {
            SyntheticTask task = new SyntheticTask(difficulty);
            List<SyntheticProblem> train = task.generate("train", 2000, 1);
            List<SyntheticProblem> test = task.generate("test", 500, 2);
            Set<String> trainKeys = train.stream().map(SyntheticProblem::structureKey).collect(Collectors.toSet());
            Set<String> trainTexts = train.stream().map(SyntheticProblem::text).collect(Collectors.toSet());
            for (SyntheticProblem problem : test) {
                assertTrue(!trainKeys.contains(problem.structureKey()), problem.structureKey());
                assertTrue(!trainTexts.contains(problem.text()), problem.text());
                assertEquals("test", SyntheticTask.splitOf(problem));
            }
            assertEquals(train.size(), trainKeys.size(), "train problems repeat");
        }
    }

    @Test
    void shouldStayWithinLengthAndDifficultyBounds() {
        for (SyntheticDifficulty difficulty : SyntheticDifficulty.presets()) {
            SyntheticTask task = new SyntheticTask(difficulty);
            SplittableRandom random = new SplittableRandom(3);
            Set<Operation> used = EnumSet.noneOf(Operation.class);
            Set<Integer> operandCounts = new HashSet<>();
            int worded = 0;
            int samples = 5000;
            for (int i = 0; i < samples; i++) {
                SyntheticProblem problem = task.sample(random);
                TaskItem item = SyntheticTask.toItem(problem, SyntheticTask.splitOf(problem));
                assertTrue(item.problem().length() <= SyntheticTask.MAX_PROBLEM_CHARS, item.problem());
                assertTrue(item.solution().length() <= SyntheticTask.MAX_SOLUTION_CHARS, item.solution());
                assertTrue(item.problem().chars().allMatch(c -> c >= 32 && c < 127), item.problem());
                used.addAll(problem.operations());
                operandCounts.add(problem.operands().size());
                worded += problem.worded() ? 1 : 0;
            }
            assertEquals(difficulty.operations(), used, difficulty.name());
            assertEquals(difficulty.maxOperands() - difficulty.minOperands() + 1, operandCounts.size());
            double wordedShare = (double) worded / samples;
            assertTrue(Math.abs(wordedShare - difficulty.wordShare()) < 0.05,
                    difficulty.name() + " worded share " + wordedShare);
        }
    }

    @Test
    void shouldFailNamingTheLimitWhenTheDifficultyHasTooFewProblems() {
        SyntheticDifficulty tiny = new SyntheticDifficulty("tiny", 2, 2, 1, 1, EnumSet.of(Operation.ADD), 2, 99, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticTask(tiny).generate("test", 100, 0));
        assertTrue(e.getMessage().startsWith("limit: found only "), e.getMessage());
    }

    @Test
    void shouldParsePresetsAndListThemOtherwise() {
        assertEquals(SyntheticDifficulty.HARD, SyntheticDifficulty.parse("Hard"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticDifficulty.parse("extreme"));
        assertEquals("difficulty: expected one of easy|medium|hard|choice, got 'extreme'", e.getMessage());
    }

    @Test
    void shouldWriteExpressionsWhosePrecedenceFollowsTheSteps() {
        assertEquals("(23+58)*3-17", SyntheticTask.expression(List.of(23L, 58L, 3L, 17L),
                List.of(Operation.ADD, Operation.MULTIPLY, Operation.SUBTRACT)));
        assertEquals("(8-2)/3*5", SyntheticTask.expression(List.of(8L, 2L, 3L, 5L),
                List.of(Operation.SUBTRACT, Operation.DIVIDE, Operation.MULTIPLY)));
    }

    private static long stepsAnswer(String solution) {
        String[] lines = solution.split("\n");
        long previous = -1;
        for (int i = 0; i < lines.length - 1; i++) {
            Matcher m = STEP_LINE.matcher(lines[i]);
            assertTrue(m.matches(), lines[i]);
            long a = Long.parseLong(m.group(1));
            long b = Long.parseLong(m.group(3));
            long c = Long.parseLong(m.group(4));
            if (i > 0) {
                assertEquals(previous, a, solution);
            }
            long expected = switch (m.group(2)) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                default -> a / b;
            };
            assertEquals(expected, c, lines[i]);
            previous = c;
        }
        assertEquals("\\boxed{" + previous + "}", lines[lines.length - 1]);
        return previous;
    }

    /** Standard-precedence evaluation of + - * / and parentheses, independent of the generator. */
    private static final class Evaluator {
        private final String text;
        private int pos;

        Evaluator(String text) {
            this.text = text;
        }

        long evaluate() {
            long value = sum();
            assertEquals(text.length(), pos, "unparsed rest of " + text);
            return value;
        }

        private long sum() {
            long value = product();
            while (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                char op = text.charAt(pos++);
                long right = product();
                value = op == '+' ? value + right : value - right;
            }
            return value;
        }

        private long product() {
            long value = atom();
            while (pos < text.length() && (text.charAt(pos) == '*' || text.charAt(pos) == '/')) {
                char op = text.charAt(pos++);
                long right = atom();
                if (op == '/') {
                    assertEquals(0, value % right, text);
                }
                value = op == '*' ? value * right : value / right;
            }
            return value;
        }

        private long atom() {
            if (text.charAt(pos) == '(') {
                pos++;
                long value = sum();
                assertEquals(')', text.charAt(pos++), text);
                return value;
            }
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            return Long.parseLong(text.substring(start, pos));
        }
    }

    @Test
    void shouldListTheAnswerAmongDistinctNearbyChoicesInTheChoiceTask() {
        SyntheticTask task = new SyntheticTask(SyntheticDifficulty.CHOICE);
        SplittableRandom random = new SplittableRandom(7);
        Set<Integer> answerPositions = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            SyntheticProblem problem = task.sample(random);
            List<Long> choices = problem.choices();
            assertEquals(3, choices.size(), problem.text());
            assertEquals(3, Set.copyOf(choices).size(), problem.text());
            assertTrue(choices.contains(problem.answer()), problem.text());
            for (long c : choices) {
                assertTrue(c >= 0 && Math.abs(c - problem.answer()) <= 10, problem.text());
            }
            String listed = choices.stream().map(String::valueOf).collect(Collectors.joining(", "));
            assertTrue(problem.text().endsWith(". Choices: " + listed + "."), problem.text());
            assertTrue(problem.text().length() <= SyntheticTask.MAX_PROBLEM_CHARS, problem.text());
            answerPositions.add(choices.indexOf(problem.answer()));
        }
        assertEquals(Set.of(0, 1, 2), answerPositions);
    }

    @Test
    void shouldDrawTheSameProblemsAsTheEasyTaskBeforeTheChoices() {
        SyntheticProblem easy = new SyntheticTask(SyntheticDifficulty.EASY).sample(new SplittableRandom(3));
        SyntheticProblem choice = new SyntheticTask(SyntheticDifficulty.CHOICE).sample(new SplittableRandom(3));

        assertEquals(easy.structureKey(), choice.structureKey());
        assertTrue(choice.text().startsWith(easy.text() + " Choices: "), choice.text());
        assertEquals(List.of(), easy.choices());
    }

    @Test
    void shouldRefuseChoicesThatLeaveOutTheAnswer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SyntheticProblem(
                List.of(2L, 3L), List.of(Operation.ADD), false, "Compute 2+3. Choices: 4, 6.", List.of(4L, 6L)));
        assertTrue(e.getMessage().contains("include its answer 5"), e.getMessage());
    }

    @Test
    void shouldKeepDistractorsNonNegativeNearZero() {
        SyntheticTask task = new SyntheticTask(SyntheticDifficulty.CHOICE);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200; i++) {
            List<Long> choices = task.choices(0, random);
            assertTrue(choices.contains(0L));
            assertTrue(choices.stream().allMatch(c -> c >= 0 && c <= 10), choices.toString());
        }
    }
}
