package io.rollstream.grader.scoring;

import java.util.List;

/**
 * Compares structured answers element by element: tuples, intervals and matrices in order and with the
 * same brackets, sets and solution lists in any order, inequalities operator by operator, named values by
 * name (or in the order written against a tuple), scalars through a {@link ScalarComparer}.
 */
final class ShapeComparer {

    private final ScalarComparer scalars;

    ShapeComparer(ScalarComparer scalars) {
        this.scalars = scalars;
    }

    Equivalence compare(AnswerShape answer, AnswerShape truth, Deadline deadline) {
        if (deadline.expired()) {
            return deadline.exceeded();
        }
        if (answer instanceof AnswerShape.Scalar a && truth instanceof AnswerShape.Scalar t) {
            return scalars.compare(a.text(), t.text(), deadline);
        }
        if (answer instanceof AnswerShape.Ordered a && truth instanceof AnswerShape.Ordered t) {
            if (a.open() != t.open() || a.close() != t.close() || a.elements().size() != t.elements().size()) {
                return Equivalence.NOT_EQUAL;
            }
            return inOrder(a.elements(), t.elements(), deadline);
        }
        if (answer instanceof AnswerShape.Unordered a && truth instanceof AnswerShape.Unordered t) {
            if (a.kind() != t.kind() || a.elements().size() != t.elements().size()) {
                return Equivalence.NOT_EQUAL;
            }
            return anyOrder(a.elements(), t.elements(), deadline);
        }
        if (answer instanceof AnswerShape.Relation a && truth instanceof AnswerShape.Relation t) {
            return a.operators().equals(t.operators()) ? inOrder(a.operands(), t.operands(), deadline)
                    : Equivalence.NOT_EQUAL;
        }
        if (answer instanceof AnswerShape.Assignments a) {
            return assignments(a, truth, deadline);
        }
        if (truth instanceof AnswerShape.Assignments t) {
            return assignments(t, answer, deadline);
        }
        return Equivalence.NOT_EQUAL;
    }

    /**
     * {@code x=1,y=2} matches {@code y=2,x=1} by name, the tuple {@code (1,2)} in the order written (the
     * question names the order) and the list {@code 1,2} in any order; it never matches another shape.
     */
    private Equivalence assignments(AnswerShape.Assignments named, AnswerShape other, Deadline deadline) {
        if (other instanceof AnswerShape.Assignments o) {
            if (!o.names().containsAll(named.names()) || o.names().size() != named.names().size()) {
                return Equivalence.NOT_EQUAL;
            }
            List<AnswerShape> byName = named.names().stream().map(n -> o.values().get(o.names().indexOf(n))).toList();
            return inOrder(named.values(), byName, deadline);
        }
        if (other instanceof AnswerShape.Ordered o && o.open() == '(' && o.close() == ')'
                && o.elements().size() == named.values().size()) {
            return inOrder(named.values(), o.elements(), deadline);
        }
        if (other instanceof AnswerShape.Unordered o && o.kind() == AnswerShape.Unordered.Kind.COLLECTION
                && o.elements().size() == named.values().size()) {
            return anyOrder(named.values(), o.elements(), deadline);
        }
        return Equivalence.NOT_EQUAL;
    }

    private Equivalence inOrder(List<AnswerShape> answer, List<AnswerShape> truth, Deadline deadline) {
        Equivalence.Undecidable undecided = null;
        for (int i = 0; i < answer.size(); i++) {
            Equivalence o = compare(answer.get(i), truth.get(i), deadline);
            if (o instanceof Equivalence.NotEqual) {
                return o;
            }
            if (o instanceof Equivalence.Undecidable u) {
                undecided = u;
            }
        }
        return undecided == null ? Equivalence.EQUAL : undecided;
    }

    /** Equivalence is transitive, so matching each answer element to the first equal unused one is enough. */
    private Equivalence anyOrder(List<AnswerShape> answer, List<AnswerShape> truth, Deadline deadline) {
        boolean[] used = new boolean[truth.size()];
        Equivalence.Undecidable undecided = null;
        for (AnswerShape element : answer) {
            boolean matched = false;
            for (int j = 0; j < truth.size() && !matched; j++) {
                if (used[j]) {
                    continue;
                }
                Equivalence o = compare(element, truth.get(j), deadline);
                if (o instanceof Equivalence.Equal) {
                    used[j] = true;
                    matched = true;
                } else if (o instanceof Equivalence.Undecidable u) {
                    undecided = u;
                    if (deadline.expired()) {
                        return u;
                    }
                }
            }
            if (!matched) {
                return undecided == null ? Equivalence.NOT_EQUAL : undecided;
            }
        }
        return Equivalence.EQUAL;
    }
}
