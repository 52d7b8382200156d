package io.rollstream.tasks;

/** An arithmetic operation of the synthetic task, on non-negative integers; division is exact only. */
public enum Operation {
    /** a + b. */
    ADD('+'),
    /** a - b. */
    SUBTRACT('-'),
    /** a * b. */
    MULTIPLY('*'),
    /** a / b where b divides a. */
    DIVIDE('/');

    private final char symbol;

    Operation(char symbol) {
        this.symbol = symbol;
    }

    /** The character written in problems and worked solutions. */
    public char symbol() {
        return symbol;
    }

    /** True for multiplication and division, which bind tighter than addition and subtraction. */
    public boolean isMultiplicative() {
        return this == MULTIPLY || this == DIVIDE;
    }

    /** The result; fails for an inexact division or a division by zero. */
    public long apply(long a, long b) {
        return switch (this) {
            case ADD -> Math.addExact(a, b);
            case SUBTRACT -> Math.subtractExact(a, b);
            case MULTIPLY -> Math.multiplyExact(a, b);
            case DIVIDE -> {
                if (b == 0 || a % b != 0) {
                    throw new ArithmeticException(a + "/" + b + " is not an exact division");
                }
                yield a / b;
            }
        };
    }

    /** The operation written as {@code symbol}. */
    public static Operation ofSymbol(char symbol) {
        for (Operation op : values()) {
            if (op.symbol == symbol) {
                return op;
            }
        }
        throw new IllegalArgumentException("no operation is written '" + symbol + "'; expected one of + - * /");
    }
}
