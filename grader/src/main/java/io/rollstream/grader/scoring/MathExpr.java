package io.rollstream.grader.scoring;

import java.util.Objects;

/**
 * The syntax tree of one scalar answer read from LaTeX; numbers stay exact so that evaluation and the
 * translation for computer algebra see the value the answer wrote, not a rounded one.
 */
sealed interface MathExpr {

    /** A number literal. */
    record Num(Rational value) implements MathExpr {
        public Num {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A free variable such as {@code x}, {@code R} or {@code x_1}. */
    record Variable(String name) implements MathExpr {
        public Variable {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A named constant. */
    record Constant(Kind kind) implements MathExpr {
        enum Kind { PI, IMAGINARY_UNIT }

        public Constant {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** {@code -operand}. */
    record Negate(MathExpr operand) implements MathExpr {
    }

    /** A binary arithmetic operation. */
    record Binary(Op op, MathExpr left, MathExpr right) implements MathExpr {
        enum Op { ADD, SUBTRACT, MULTIPLY, DIVIDE, POWER }

        public Binary {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** The {@code index}-th root of {@code radicand}; {@code \sqrt{x}} has index 2. */
    record Root(MathExpr index, MathExpr radicand) implements MathExpr {
    }

    /** An elementary function applied to one argument. */
    record Call(Function function, MathExpr argument) implements MathExpr {
        enum Function { SIN, COS, TAN, COT, SEC, CSC, ARCSIN, ARCCOS, ARCTAN, LN, LOG, EXP }

        public Call {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(argument, "argument");
        }
    }

    /** Whether any free variable occurs in this expression. */
    default boolean hasVariables() {
        if (this instanceof Variable) {
            return true;
        }
        if (this instanceof Negate n) {
            return n.operand().hasVariables();
        }
        if (this instanceof Binary b) {
            return b.left().hasVariables() || b.right().hasVariables();
        }
        if (this instanceof Root r) {
            return r.index().hasVariables() || r.radicand().hasVariables();
        }
        if (this instanceof Call c) {
            return c.argument().hasVariables();
        }
        return false;
    }
}
