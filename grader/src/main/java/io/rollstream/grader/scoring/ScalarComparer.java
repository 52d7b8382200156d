package io.rollstream.grader.scoring;

import io.rollstream.grader.scoring.MathExpr.Binary;
import io.rollstream.grader.scoring.MathExpr.Call;
import io.rollstream.grader.scoring.MathExpr.Negate;
import io.rollstream.grader.scoring.MathExpr.Root;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares two normalised scalar answers, cheapest check first: identical text, words, numbers (exact
 * when both are rational, within tolerance otherwise), and only then computer algebra.
 */
final class ScalarComparer {

    /** Exponents larger than this are not handed to computer algebra, which could spend minutes on them. */
    static final long MAX_SYMBOLIC_EXPONENT = 1000;

    private final SymbolicEquivalence algebra;

    /** {@code algebra} may be null, in which case answers that need it are undecidable. */
    ScalarComparer(SymbolicEquivalence algebra) {
        this.algebra = algebra;
    }

    Equivalence compare(String answer, String truth, Deadline deadline) {
        if (answer.equals(truth)) {
            return Equivalence.EQUAL;
        }
        if (isWord(answer) || isWord(truth) || isChoice(answer) || isChoice(truth)) {
            return answer.toLowerCase(Locale.ROOT).equals(truth.toLowerCase(Locale.ROOT))
                    ? Equivalence.EQUAL : Equivalence.NOT_EQUAL;
        }
        MathExpr a;
        MathExpr b;
        try {
            b = LatexExpression.parse(truth);
            a = LatexExpression.parse(answer);
        } catch (LatexExpression.SyntaxException e) {
            return e.isLimit() ? new Equivalence.Undecidable(e.getMessage()) : Equivalence.NOT_EQUAL;
        }
        NumberParser.Result x = NumberParser.evaluate(a);
        NumberParser.Result y = NumberParser.evaluate(b);
        if (x instanceof NumberParser.OutOfRange r) {
            return new Equivalence.Undecidable(r.why());
        }
        if (y instanceof NumberParser.OutOfRange r) {
            return new Equivalence.Undecidable(r.why());
        }
        if (x instanceof NumberParser.Value u && y instanceof NumberParser.Value v) {
            return NumericValue.equivalent(u.value(), v.value()) ? Equivalence.EQUAL : Equivalence.NOT_EQUAL;
        }
        Optional<String> huge = hugeExponent(a).or(() -> hugeExponent(b));
        if (huge.isPresent()) {
            return new Equivalence.Undecidable(huge.get());
        }
        if (algebra == null) {
            return new Equivalence.Undecidable("needs computer algebra, which is not configured");
        }
        if (deadline.expired()) {
            return deadline.exceeded();
        }
        return algebra.equivalent(a, b, deadline);
    }

    /** A word answer ("even", "Evelyn"): letters only and too long to be a product of variables. */
    private static boolean isWord(String s) {
        return s.length() >= 3 && s.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    }

    /** A multiple-choice letter, as the normaliser leaves {@code (C)} and {@code \text{(C)}}. */
    private static boolean isChoice(String s) {
        return s.length() == 1 && s.charAt(0) >= 'A' && s.charAt(0) <= 'E';
    }

    private static Optional<String> hugeExponent(MathExpr e) {
        if (e instanceof Binary b) {
            if (b.op() == Binary.Op.POWER && !b.right().hasVariables()) {
                NumberParser.Result r = NumberParser.evaluate(b.right());
                if (r instanceof NumberParser.OutOfRange
                        || r instanceof NumberParser.Value v && Math.abs(v.value().approximate()) > MAX_SYMBOLIC_EXPONENT) {
                    return Optional.of("exponent larger than " + MAX_SYMBOLIC_EXPONENT);
                }
            }
            return hugeExponent(b.left()).or(() -> hugeExponent(b.right()));
        }
        if (e instanceof Negate n) {
            return hugeExponent(n.operand());
        }
        if (e instanceof Root r) {
            return hugeExponent(r.index()).or(() -> hugeExponent(r.radicand()));
        }
        if (e instanceof Call c) {
            return hugeExponent(c.argument());
        }
        return Optional.empty();
    }
}
