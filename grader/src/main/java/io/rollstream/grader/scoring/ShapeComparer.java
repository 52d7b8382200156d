package io.rollstream.grader.scoring;

import java.util.List;

/**
 * Compares structured answers element by element: tuples, intervals and matrices in order and with the
 * same brackets, sets and solution lists in any order, scalars through a {@link ScalarComparer}.
 */
final class ShapeComparer {

    private final ScalarComparer scalars;

    ShapeComparer(ScalarComparer scalars) {
        this.scalars = scalars;
    }

    Outcome compare(AnswerShape answer, AnswerShape truth, Deadline deadline) {
        if (deadline.expired()) {
            return deadline.exceeded();
        }
        if (answer instanceof AnswerShape.Scalar a && truth instanceof AnswerShape.Scalar t) {
            return scalars.compare(a.text(), t.text(), deadline);
        }
        if (answer instanceof AnswerShape.Ordered a && truth instanceof AnswerShape.Ordered t) {
            if (a.open() != t.open() || a.close() != t.close() || a.elements().size() != t.elements().size()) {
                return Outcome.NOT_EQUAL;
            }
            return inOrder(a.elements(), t.elements(), deadline);
        }
        if (answer instanceof AnswerShape.Unordered a && truth instanceof AnswerShape.Unordered t) {
            if (a.kind() != t.kind() || a.elements().size() != t.elements().size()) {
                return Outcome.NOT_EQUAL;
            }
            return anyOrder(a.elements(), t.elements(), deadline);
        }
        return Outcome.NOT_EQUAL;
    }

    private Outcome inOrder(List<AnswerShape> answer, List<AnswerShape> truth, Deadline deadline) {
        Outcome.Undecidable undecided = null;
        for (int i = 0; i < answer.size(); i++) {
            Outcome o = compare(answer.get(i), truth.get(i), deadline);
            if (o instanceof Outcome.NotEqual) {
                return o;
            }
            if (o instanceof Outcome.Undecidable u) {
                undecided = u;
            }
        }
        return undecided == null ? Outcome.EQUAL : undecided;
    }

    /** Equivalence is transitive, so matching each answer element to the first equal unused one is enough. */
    private Outcome anyOrder(List<AnswerShape> answer, List<AnswerShape> truth, Deadline deadline) {
        boolean[] used = new boolean[truth.size()];
        Outcome.Undecidable undecided = null;
        for (AnswerShape element : answer) {
            boolean matched = false;
            for (int j = 0; j < truth.size() && !matched; j++) {
                if (used[j]) {
                    continue;
                }
                Outcome o = compare(element, truth.get(j), deadline);
                if (o instanceof Outcome.Equal) {
                    used[j] = true;
                    matched = true;
                } else if (o instanceof Outcome.Undecidable u) {
                    undecided = u;
                    if (deadline.expired()) {
                        return u;
                    }
                }
            }
            if (!matched) {
                return undecided == null ? Outcome.NOT_EQUAL : undecided;
            }
        }
        return Outcome.EQUAL;
    }
}
