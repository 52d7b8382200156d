package io.rollstream.bench;

import io.rollstream.bench.checker.Rewriting;
import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.grader.scoring.Grade;
import io.rollstream.tasks.DataSource;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.DatasetFiles;
import io.rollstream.tasks.TaskItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * The ground truths a grader benchmark's questions have, which decide how much work the answer checker does per
 * attempt: plain integers (a string or number comparison), the six synthetic shapes, or MATH-500's own answers
 * (LaTeX fractions, surds, intervals, matrices, expressions) with a value-keeping rewriting and a near miss of
 * each, written by the checker comparison's {@link Rewriting}s.
 */
public enum AnswerMix {
    /** Integers, LaTeX fractions, a surd, ordered pairs, polynomials and decimals in turn. */
    SHAPES("shapes", "integers, fractions, surds, pairs, polynomials, decimals"),
    /** Integers only: the answer, the same value with a zero decimal, and the value plus one. */
    INTEGERS("integers", "plain integers"),
    /** MATH-500's test answers, each with a rewriting that keeps its value and one that changes it. */
    MATH500("math500", "MATH-500 ground truths with a value-keeping rewriting and a near miss");

    private final String id;
    private final String description;

    AnswerMix(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name {@code --mix} takes. */
    public String id() {
        return id;
    }

    /** What the answers are, for the printed settings. */
    public String description() {
        return description;
    }

    /** The mix named {@code id}; the message lists the names when there is none. */
    public static AnswerMix of(String id) {
        for (AnswerMix mix : values()) {
            if (mix.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return mix;
            }
        }
        throw new IllegalArgumentException("unknown answer mix '" + id + "'; expected one of "
                + String.join(", ", Arrays.stream(values()).map(AnswerMix::id).toList()));
    }

    /**
     * Questions with this mix's answers: {@code count} of them for the synthetic mixes; for MATH-500, up to
     * {@code count} drawn with {@code seed} among the questions it can script (see {@link #math500}).
     */
    public Selection questions(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        List<ScriptedQuestion> questions = new ArrayList<>();
        switch (this) {
            case SHAPES -> {
                for (int q = 0; q < count; q++) {
                    questions.add(ScriptedQuestion.numbered("bench-q" + q, q));
                }
            }
            case INTEGERS -> {
                for (int q = 0; q < count; q++) {
                    questions.add(ScriptedQuestion.numbered("bench-q" + q, q * ScriptedQuestion.SHAPES));
                }
            }
            case MATH500 -> {
                return math500(DatasetFiles.load(Dataset.MATH500, "test", DataSource.bundled()), count, seed);
            }
            default -> throw new IllegalStateException(this.name());
        }
        return new Selection(this, List.copyOf(questions), count, 0);
    }

    /**
     * The questions of a mix and how many of the data set's questions could not be scripted.
     *
     * @param mix        the mix
     * @param questions  the scripted questions
     * @param considered questions looked at to find them
     * @param unscripted questions among those skipped: no rewriting applied, or the checker does not grade the
     *                   four scripted answers (as written, rewritten, near miss, unboxed) as the script says
     */
    public record Selection(AnswerMix mix, List<ScriptedQuestion> questions, int considered, int unscripted) {
        public Selection {
            questions = List.copyOf(questions);
            if (questions.isEmpty()) {
                throw new IllegalArgumentException("mix " + mix.id() + " has no question it can script");
            }
        }
    }

    /**
     * Up to {@code count} of {@code items}, taken in the order of a shuffle with {@code seed}. A question is kept
     * when a value-keeping rewriting other than the identity and a near miss both apply to its ground truth, and
     * the grader's checker (default limits) grades the ground truth and the rewriting CORRECT, the near miss WRONG
     * and the unboxed answer UNFORMATTED. A benchmark attempt's episode ends at its first correct attempt, so a
     * question the checker grades otherwise would change the workload's episodes under the grader; those
     * questions are counted, and the checker's agreement on them is what {@code bench checker} measures.
     */
    static Selection math500(List<TaskItem> items, int count, long seed) {
        List<TaskItem> order = new ArrayList<>(items);
        Collections.shuffle(order, new Random(seed));
        List<ScriptedQuestion> kept = new ArrayList<>();
        int considered = 0;
        int unscripted = 0;
        try (AnswerChecker checker = new AnswerChecker(CheckerConfig.defaults())) {
            for (TaskItem item : order) {
                if (kept.size() == count) {
                    break;
                }
                considered++;
                Optional<ScriptedQuestion> question = scripted(item, checker);
                if (question.isPresent()) {
                    kept.add(question.get());
                } else {
                    unscripted++;
                }
            }
        }
        return new Selection(MATH500, kept, considered, unscripted);
    }

    private static Optional<ScriptedQuestion> scripted(TaskItem item, AnswerChecker checker) {
        String truth = item.answer().trim();
        Optional<String> equivalent = Optional.empty();
        Optional<String> wrong = Optional.empty();
        for (Rewriting rewriting : Rewriting.values()) {
            if (rewriting == Rewriting.IDENTITY) {
                continue;
            }
            Optional<String> text = rewriting.apply(truth).filter(t -> !t.equals(truth));
            if (rewriting.keepsValue() && equivalent.isEmpty()) {
                equivalent = text.filter(t -> checker.grade(boxed(t), truth) instanceof Grade.Correct);
            } else if (!rewriting.keepsValue() && wrong.isEmpty()) {
                wrong = text.filter(t -> checker.grade(boxed(t), truth) instanceof Grade.Wrong);
            }
        }
        if (equivalent.isEmpty() || wrong.isEmpty() || equivalent.get().equals(wrong.get())
                || !(checker.grade(boxed(truth), truth) instanceof Grade.Correct)
                || !(checker.grade(AttemptWorkload.unboxedTail(truth), truth) instanceof Grade.Unformatted)) {
            return Optional.empty();
        }
        return Optional.of(new ScriptedQuestion(item.questionId(), item.problem(), truth, equivalent.get(),
                wrong.get()));
    }

    private static String boxed(String answer) {
        return AttemptWorkload.boxedTail(answer);
    }
}
