package io.rollstream.tasks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * A seeded generator of arithmetic problems that a small character-level transformer can learn to solve.
 *
 * <p>A problem chains two to five non-negative integers with {@code + - * /}, worked strictly left to right,
 * and is shown either as an expression ({@code Compute (23+58)*3.}, parenthesised so that standard
 * precedence gives the left-to-right value) or as a short word problem ({@code Ann has 23 pens. Gets 58 more.
 * Then 3 times as many. How many now?}). Problems are under 80 characters. The worked solution writes one
 * step per line, each starting from the previous result, and ends with the boxed answer:
 * {@code 23+58=81\n81*3=243\n\boxed{243}} (under 120 characters). Subtraction never goes below zero, division is
 * always exact, and no intermediate result exceeds the difficulty's maximum, so every number stays short.
 *
 * <p>Difficulty grows with the number of steps, the digits per number and the operations in play; see
 * {@link SyntheticDifficulty#EASY}, {@link SyntheticDifficulty#MEDIUM} and {@link SyntheticDifficulty#HARD}.
 * A character-level model has to carry digits across a whole number before writing its first digit, so it
 * fails often enough that a retry, sampled again after the feedback turn, can succeed where the first try did
 * not.
 *
 * <p>{@link SyntheticDifficulty#CHOICE} lists candidate answers after the problem, the answer and distractors
 * within {@value #CHOICE_SPREAD} of it in a random order: there the failed attempt tells a retry something (which
 * candidate is wrong), where with a bare problem it only says "not that number".
 *
 * <p>Train and test never share a problem: a problem's split is a fixed hash of its structure (numbers and
 * operations, not wording), 20% test, whatever the seed. The same seed always yields the same problems; question
 * ids are a hash of the problem text, so they are stable across runs.
 */
public final class SyntheticTask {

    /** Longest problem text, in characters. */
    public static final int MAX_PROBLEM_CHARS = 79;
    /** Longest worked solution, in characters. */
    public static final int MAX_SOLUTION_CHARS = 119;
    /** Percentage of problem structures assigned to the test split. */
    public static final int TEST_PERCENT = 20;

    private static final String TRAIN = "train";
    private static final String TEST = "test";
    private static final String[] NAMES = {"Ann", "Ben", "Cal", "Dan", "Eve", "Fay", "Gus", "Ivy", "Jon", "Kim",
        "Max", "Sam", "Tom", "Zoe"};
    private static final String[] THINGS = {"apples", "beads", "books", "cards", "coins", "eggs", "pens", "shells",
        "stamps", "toys"};
    private static final int DRAWS_PER_ITEM = 50;
    private static final int EXTRA_DRAWS = 10_000;
    private static final int MAX_RESTARTS = 10_000;
    /** Largest distance of a distractor from the answer. */
    static final int CHOICE_SPREAD = 10;

    private final SyntheticDifficulty difficulty;

    /** A generator of problems at this difficulty. */
    public SyntheticTask(SyntheticDifficulty difficulty) {
        this.difficulty = Objects.requireNonNull(difficulty, "difficulty");
    }

    /** The difficulty problems are drawn at. */
    public SyntheticDifficulty difficulty() {
        return difficulty;
    }

    /**
     * {@code count} distinct problems of {@code split} (train|test), the same for the same seed; fails when the
     * difficulty has too few distinct problems in that split.
     */
    public List<SyntheticProblem> generate(String split, int count, long seed) {
        Dataset.SYNTHETIC.requireSplit(split);
        if (count < 1) {
            throw new IllegalArgumentException("limit: synthetic problems are generated, so give a count >= 1, got "
                    + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>();
        List<SyntheticProblem> problems = new ArrayList<>(count);
        long draws = (long) count * DRAWS_PER_ITEM + EXTRA_DRAWS;
        for (long draw = 0; draw < draws && problems.size() < count; draw++) {
            SyntheticProblem problem = sample(random);
            if (splitOf(problem).equals(split) && seen.add(problem.structureKey())) {
                problems.add(problem);
            }
        }
        if (problems.size() < count) {
            throw new IllegalArgumentException("limit: found only " + problems.size() + " distinct " + split
                    + " problems at difficulty " + difficulty + " in " + draws + " draws; ask for fewer or a harder "
                    + "difficulty");
        }
        return problems;
    }

    /** {@link #generate} as question items with their worked solutions. */
    public List<TaskItem> items(String split, int count, long seed) {
        return generate(split, count, seed).stream().map(p -> toItem(p, split)).toList();
    }

    /**
     * The item of a problem: id from its text, answer and worked solution from its structure. A one-step addition
     * or subtraction is worked digit by digit ({@link DigitSteps}); longer problems one operation per line.
     */
    public static TaskItem toItem(SyntheticProblem problem, String split) {
        WorkedSolution solution = problem.solution();
        return new TaskItem("synthetic/" + hex(problem.text()).substring(0, 16), problem.text(),
                Long.toString(problem.answer()), DigitSteps.render(solution).orElseGet(solution::render),
                Dataset.SYNTHETIC.id(), split);
    }

    /** The split a problem belongs to, decided by its structure alone. */
    public static String splitOf(SyntheticProblem problem) {
        String digest = hex("rollstream-synthetic-split|" + problem.structureKey());
        long bucket = Long.parseUnsignedLong(digest.substring(0, 12), 16) % 100;
        return bucket < TEST_PERCENT ? TEST : TRAIN;
    }

    /** One problem drawn at this difficulty, in either split. */
    public SyntheticProblem sample(RandomGenerator random) {
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            int operandCount = between(random, difficulty.minOperands(), difficulty.maxOperands());
            List<Long> operands = new ArrayList<>();
            List<Operation> operations = new ArrayList<>();
            long value = number(random, difficulty.maxValue());
            operands.add(value);
            while (operands.size() < operandCount) {
                long current = value;
                List<Operation> feasible = difficulty.operations().stream().filter(op -> canApply(op, current))
                        .sorted().toList();
                if (feasible.isEmpty()) {
                    break;
                }
                Operation op = feasible.get(random.nextInt(feasible.size()));
                long right = operand(op, value, random);
                operations.add(op);
                operands.add(right);
                value = op.apply(value, right);
            }
            if (operands.size() < operandCount) {
                continue;
            }
            boolean worded = random.nextDouble() < difficulty.wordShare();
            String text = worded ? words(operands, operations, random)
                    : "Compute " + expression(operands, operations) + ".";
            List<Long> choices = choices(value, random);
            if (!choices.isEmpty()) {
                text += " Choices: " + choices.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ".";
            }
            // A word problem with long numbers can exceed the length bound; drawing again keeps the share exact.
            if (text.length() <= MAX_PROBLEM_CHARS) {
                return new SyntheticProblem(operands, operations, worded, text, choices);
            }
        }
        throw new IllegalStateException("difficulty " + difficulty + " drew no problem within its bounds (values up "
                + "to " + difficulty.maxValue() + ", " + MAX_PROBLEM_CHARS + " characters) in " + MAX_RESTARTS + " tries");
    }

    /**
     * {@code difficulty.choices()} candidate answers in a random order: {@code answer} and distinct distractors
     * within {@link #CHOICE_SPREAD} of it, never negative (an empty list when the difficulty lists none).
     */
    List<Long> choices(long answer, RandomGenerator random) {
        int wanted = difficulty.choices();
        if (wanted == 0) {
            return List.of();
        }
        List<Long> choices = new ArrayList<>(List.of(answer));
        while (choices.size() < wanted) {
            long offset = 1 + random.nextInt(CHOICE_SPREAD);
            long candidate = random.nextBoolean() || answer < offset ? answer + offset : answer - offset;
            if (!choices.contains(candidate)) {
                choices.add(candidate);
            }
        }
        for (int i = choices.size() - 1; i > 0; i--) {
            Collections.swap(choices, i, random.nextInt(i + 1));
        }
        return List.copyOf(choices);
    }

    /** Written so that standard precedence reproduces the left-to-right value: (23+58)*3-17. */
    static String expression(List<Long> operands, List<Operation> operations) {
        StringBuilder text = new StringBuilder().append(operands.get(0));
        boolean additiveAtTop = false;
        for (int i = 0; i < operations.size(); i++) {
            Operation op = operations.get(i);
            if (op.isMultiplicative() && additiveAtTop) {
                text.insert(0, '(').append(')');
                additiveAtTop = false;
            }
            text.append(op.symbol()).append(operands.get(i + 1));
            additiveAtTop |= !op.isMultiplicative();
        }
        return text.toString();
    }

    private static String words(List<Long> operands, List<Operation> operations, RandomGenerator random) {
        StringBuilder text = new StringBuilder()
                .append(NAMES[random.nextInt(NAMES.length)]).append(" has ").append(operands.get(0)).append(' ')
                .append(THINGS[random.nextInt(THINGS.length)]).append('.');
        for (int i = 0; i < operations.size(); i++) {
            long right = operands.get(i + 1);
            text.append(switch (operations.get(i)) {
                case ADD -> " Gets " + right + " more.";
                case SUBTRACT -> " Loses " + right + ".";
                case MULTIPLY -> " Then " + right + " times as many.";
                case DIVIDE -> " Keeps 1/" + right + ".";
            });
        }
        return text.append(" How many now?").toString();
    }

    private boolean canApply(Operation op, long value) {
        long max = difficulty.maxValue();
        return switch (op) {
            case ADD -> value + smallest(difficulty.minDigits()) <= max;
            case SUBTRACT -> value >= smallest(difficulty.minDigits());
            case MULTIPLY -> value >= 1 && value * 2 <= max;
            case DIVIDE -> !divisors(value).isEmpty();
        };
    }

    private long operand(Operation op, long value, RandomGenerator random) {
        return switch (op) {
            case ADD -> number(random, difficulty.maxValue() - value);
            case SUBTRACT -> number(random, value);
            case MULTIPLY -> between(random, 2, (int) Math.min(difficulty.maxMultiplier(), difficulty.maxValue() / value));
            case DIVIDE -> {
                List<Integer> divisors = divisors(value);
                yield divisors.get(random.nextInt(divisors.size()));
            }
        };
    }

    /** A number of a digit count drawn uniformly among those allowed that fit under {@code cap}. */
    private long number(RandomGenerator random, long cap) {
        List<Integer> digitCounts = new ArrayList<>();
        for (int d = difficulty.minDigits(); d <= difficulty.maxDigits(); d++) {
            if (smallest(d) <= cap) {
                digitCounts.add(d);
            }
        }
        int digits = digitCounts.get(random.nextInt(digitCounts.size()));
        long high = Math.min(SyntheticDifficulty.largestNumber(digits), cap);
        return smallest(digits) + random.nextLong(high - smallest(digits) + 1);
    }

    private List<Integer> divisors(long value) {
        List<Integer> divisors = new ArrayList<>();
        for (int d = 2; d <= difficulty.maxMultiplier() && d <= value; d++) {
            if (value % d == 0) {
                divisors.add(d);
            }
        }
        return divisors;
    }

    // One-digit numbers start at 1: a 0 operand makes a step trivial.
    private static long smallest(int digits) {
        return digits == 1 ? 1 : (long) Math.pow(10, digits - 1);
    }

    private static int between(RandomGenerator random, int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    private static String hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
