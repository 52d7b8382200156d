package io.rollstream.grader.scoring;

import io.rollstream.grader.scoring.MathExpr.Binary;
import io.rollstream.grader.scoring.MathExpr.Call;
import io.rollstream.grader.scoring.MathExpr.Constant;
import io.rollstream.grader.scoring.MathExpr.Negate;
import io.rollstream.grader.scoring.MathExpr.Num;
import io.rollstream.grader.scoring.MathExpr.Root;
import io.rollstream.grader.scoring.MathExpr.Variable;

/**
 * Writes an expression in Symja's input syntax. Variables get a {@code v} prefix so that answers using
 * {@code E}, {@code I}, {@code N} or {@code D} as names never collide with Symja's built-in symbols, and
 * decimals are written as exact fractions so that algebra compares the values the answer wrote.
 */
final class SymjaForm {

    private SymjaForm() {
    }

    static String of(MathExpr e) {
        StringBuilder out = new StringBuilder();
        write(e, out);
        return out.toString();
    }

    private static void write(MathExpr e, StringBuilder out) {
        if (e instanceof Num n) {
            out.append('(').append(n.value().numerator());
            if (!n.value().isInteger()) {
                out.append('/').append(n.value().denominator());
            }
            out.append(')');
        } else if (e instanceof Variable v) {
            out.append('v').append(v.name().replaceAll("[^A-Za-z0-9]", ""));
        } else if (e instanceof Constant c) {
            out.append(c.kind() == Constant.Kind.PI ? "Pi" : "I");
        } else if (e instanceof Negate n) {
            out.append("(-");
            write(n.operand(), out);
            out.append(')');
        } else if (e instanceof Binary b) {
            out.append('(');
            write(b.left(), out);
            out.append(operator(b.op()));
            write(b.right(), out);
            out.append(')');
        } else if (e instanceof Root r) {
            if (r.index() instanceof Num n && n.value().equals(Rational.of(2))) {
                out.append("Sqrt(");
                write(r.radicand(), out);
                out.append(')');
            } else {
                out.append('(');
                write(r.radicand(), out);
                out.append(")^(1/");
                write(r.index(), out);
                out.append(')');
            }
        } else if (e instanceof Call c) {
            out.append(function(c.function())).append('(');
            write(c.argument(), out);
            out.append(')');
        } else {
            throw new IllegalStateException("unknown expression " + e);
        }
    }

    private static char operator(Binary.Op op) {
        switch (op) {
            case ADD:
                return '+';
            case SUBTRACT:
                return '-';
            case MULTIPLY:
                return '*';
            case DIVIDE:
                return '/';
            case POWER:
                return '^';
            default:
                throw new IllegalStateException("unknown operator " + op);
        }
    }

    private static String function(Call.Function f) {
        switch (f) {
            case SIN:
                return "Sin";
            case COS:
                return "Cos";
            case TAN:
                return "Tan";
            case COT:
                return "Cot";
            case SEC:
                return "Sec";
            case CSC:
                return "Csc";
            case ARCSIN:
                return "ArcSin";
            case ARCCOS:
                return "ArcCos";
            case ARCTAN:
                return "ArcTan";
            case LN:
                return "Log";
            case LOG:
                return "Log10";
            case EXP:
                return "Exp";
            default:
                throw new IllegalStateException("unknown function " + f);
        }
    }
}
