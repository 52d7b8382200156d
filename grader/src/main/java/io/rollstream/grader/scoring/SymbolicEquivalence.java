package io.rollstream.grader.scoring;

/** Decides equivalence of two expressions that the cheap numeric and textual checks could not. */
interface SymbolicEquivalence {

    /** Must answer by {@code deadline}, with {@link Equivalence.Undecidable} when it cannot. */
    Equivalence equivalent(MathExpr a, MathExpr b, Deadline deadline);
}
