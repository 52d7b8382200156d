package io.rollstream.grader.scoring;

/** Decides equivalence of two expressions that the cheap numeric and textual checks could not. */
interface SymbolicEquivalence {

    /** Must answer by {@code deadline}, with {@link Outcome.Undecidable} when it cannot. */
    Outcome equivalent(MathExpr a, MathExpr b, Deadline deadline);
}
