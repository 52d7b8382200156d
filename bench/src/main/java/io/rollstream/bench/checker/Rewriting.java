package io.rollstream.bench.checker;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways the checker comparison writes a response from a ground truth: rewritings that keep its value
 * (another notation, spacing, order of a set) and near misses that change it (off by one, another sign, the
 * amount in cents). Each applies only to ground truths of the shape it names and is deterministic.
 */
public enum Rewriting {
    /** The ground truth itself. */
    IDENTITY("identity", true, Optional::of),
    /** Spaces after commas and around {@code +}, {@code -} and {@code =}. */
    SPACING("spacing", true, t -> changed(t, t.replaceAll(",(?!\\\\!|\\d{3}(?!\\d))", ", ")
            .replaceAll("(?<=[\\w}])([+=]|-)(?=[\\w\\\\{(])", " $1 "))),
    /** {@code \frac} written {@code \dfrac}. */
    DFRAC("dfrac", true, t -> changed(t, t.replace("\\frac", "\\dfrac"))),
    /** A fraction of integers with a terminating expansion written as a decimal. */
    DECIMAL("fraction-as-decimal", true, t -> fraction(t).flatMap(Rewriting::terminating)
            .map(BigDecimal::toPlainString)),
    /** A decimal that is not an integer written as a reduced fraction. */
    FRACTION("decimal-as-fraction", true, t -> decimal(t).filter(d -> d.stripTrailingZeros().scale() > 0)
            .map(Rewriting::asFraction)),
    /** An integer of five or more digits with thousands separators. */
    THOUSANDS("thousands-separators", true, t -> integer(t)
            .filter(n -> n.abs().compareTo(BigInteger.valueOf(10_000)) >= 0)
            .map(n -> String.format(Locale.ROOT, "%,d", n))),
    /** An integer written with two zero decimals. */
    TRAILING_ZEROS("trailing-zeros", true, t -> integer(t).map(n -> n + ".00")),
    /** A dollar sign before a number. */
    DOLLARS("dollar-sign", true, t -> decimal(t).map(d -> "\\$" + t)),
    /** A unit in {@code \text{}} after a number. */
    UNIT("unit-text", true, t -> decimal(t).map(d -> t + " \\text{ cm}")),
    /** A scalar given as the value of a variable. */
    ASSIGNMENT("variable-prefix", true, t -> t.contains("=") || t.contains(",") || t.contains("\\text")
            ? Optional.empty() : Optional.of("x = " + t)),
    /** A pair or triple given as the value of a tuple of variables. */
    NAMED_TUPLE("named-tuple", true, t -> tuple(t).filter(e -> e.size() <= 3)
            .map(e -> "(" + String.join(",", List.of("x", "y", "z").subList(0, e.size())) + ") = " + t)),
    /** A pair or triple given as values of named variables, in the tuple's order. */
    ASSIGNMENTS("variable-values", true, t -> tuple(t)
            .filter(e -> t.charAt(0) == '(' && t.endsWith(")") && e.size() <= 3)
            .map(e -> "x = " + e.get(0) + ", y = " + e.get(1) + (e.size() > 2 ? ", z = " + e.get(2) : ""))),
    /** A fraction of integers whose expansion repeats, as a repeating decimal: {@code 0.1\overline{6}}. */
    REPEATING("repeating-decimal", true, t -> fraction(t).flatMap(Rewriting::repeatingDecimal)),
    /** An integer n from 2 to 10,000 as the binomial coefficient n choose n-1. */
    BINOMIAL("binomial", true, t -> integer(t).filter(n -> n.compareTo(BigInteger.TWO) >= 0
            && n.compareTo(BigInteger.valueOf(10_000)) <= 0)
            .map(n -> "\\dbinom{" + n + "}{" + n.subtract(BigInteger.ONE) + "}")),
    /** {@code \infty} written as the Unicode sign. */
    UNICODE_INFINITY("unicode-infinity", true, t -> changed(t, t.replace("\\infty", "\u221e"))),
    /** The elements of a set or of a list of solutions in reverse order. */
    REORDER("set-reordered", true, Rewriting::reversedCollection),
    /** An inequality with its sides swapped and its sign turned. */
    RELATION_FLIP("relation-flipped", true, t -> relation(t).map(r -> r[2] + " " + flip(r[1]) + " " + r[0])),
    /** {@code \le} and {@code \ge} spelt {@code \leq} and {@code \geq}, and back. */
    RELATION_SPELLING("relation-spelling", true, t -> changed(t, t.contains("\\leq") || t.contains("\\geq")
            ? t.replace("\\leq", "\\le").replace("\\geq", "\\ge")
            : t.replaceAll("\\\\(le|ge)(?![a-z])", "\\\\$1q"))),
    /** A leading minus sign written as U+2212. */
    UNICODE_MINUS("unicode-minus", true, t -> t.startsWith("-")
            ? Optional.of("\u2212" + t.substring(1)) : Optional.empty()),
    /** Tuples and intervals with {@code \left( ... \right)}. */
    SIZED_BRACKETS("left-right", true, t -> tuple(t)
            .map(e -> "\\left" + t.charAt(0) + " " + t.substring(1, t.length() - 1)
                    + " \\right" + t.charAt(t.length() - 1))),
    /** Single-character arguments of {@code \frac} and {@code \sqrt} without braces. */
    BARE_ARGUMENTS("bare-arguments", true, t -> changed(t,
            t.replaceAll("\\\\(frac|sqrt)\\{(\\w)\\}(?:\\{(\\w)\\})?", "\\\\$1$2$3"))),

    /** An integer plus one. */
    OFF_BY_ONE("off-by-one", false, t -> integer(t).map(n -> n.add(BigInteger.ONE).toString())),
    /** A non-zero number with the other sign. */
    WRONG_SIGN("wrong-sign", false, t -> decimal(t).filter(d -> d.signum() != 0)
            .map(d -> t.startsWith("-") ? t.substring(1) : "-" + t)),
    /** An amount in dollars written as the same amount in cents: the question's unit is dollars. */
    CENTS("amount-in-cents", false, t -> decimal(t).filter(d -> d.signum() > 0)
            .map(d -> d.movePointRight(2).stripTrailingZeros().toPlainString() + " \\text{ cents}")),
    /** A non-integer rounded to two decimals. */
    ROUNDED("rounded", false, t -> fraction(t).or(() -> decimal(t).map(Rewriting::asRatio))
            .filter(q -> q[1].compareTo(BigInteger.ONE) > 0)
            .flatMap(q -> {
                BigDecimal rounded = new BigDecimal(q[0]).divide(new BigDecimal(q[1]), 2, RoundingMode.HALF_UP);
                boolean exact = rounded.multiply(new BigDecimal(q[1])).compareTo(new BigDecimal(q[0])) == 0;
                return exact ? Optional.empty() : Optional.of(rounded.toPlainString());
            })),
    /** A pair or triple of distinct first and second elements with those two swapped. */
    SWAPPED("tuple-swapped", false, t -> tuple(t).filter(e -> t.charAt(0) == '(' && !e.get(0).equals(e.get(1)))
            .map(e -> "(" + e.get(1) + "," + e.get(0)
                    + (e.size() > 2 ? "," + String.join(",", e.subList(2, e.size())) : "")
                    + ")")),
    /** A list, set or tuple without its last element. */
    DROPPED("element-dropped", false, t -> elements(t)
            .filter(e -> e.size() >= 2 && !e.subList(0, e.size() - 1).contains(e.get(e.size() - 1)))
            .map(e -> wrap(t, String.join(",", e.subList(0, e.size() - 1))))),
    /** An inequality with its sign turned but its sides kept. */
    RELATION_TURNED("relation-turned", false, t -> relation(t).map(r -> r[0] + " " + flip(r[1]) + " " + r[2])),
    /** An interval with the bracket of a finite end changed between open and closed. */
    BRACKET("interval-bracket", false, t -> tuple(t)
            .filter(e -> e.size() == 2 && (t.endsWith("]") || t.startsWith("[")))
            .map(e -> e.get(0).contains("infty")
                    ? t.substring(0, t.length() - 1) + (t.endsWith(")") ? "]" : ")")
                    : (t.charAt(0) == '(' ? "[" : "(") + t.substring(1))),
    /** A numeral in another base written without its subscript. */
    DROPPED_BASE("base-dropped", false, t -> changed(t, t.replaceAll("^(\\d+)_\\{?\\d+\\}?$", "$1")));

    private static final Pattern DECIMAL_TEXT = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    private static final Pattern FRACTION_TEXT =
            Pattern.compile("(-?)\\\\[dt]?frac\\{(\\d+)\\}\\{(\\d+)\\}|(-?\\d+)/(\\d+)");
    private static final Pattern RELATION_TEXT =
            Pattern.compile("([^<>\\\\]+?) *(<|>|\\\\le|\\\\ge|\\\\leq|\\\\geq)(?![a-z]) *([^<>\\\\]+)");

    private final String label;
    private final boolean keepsValue;
    private final Function<String, Optional<String>> rewrite;

    Rewriting(String label, boolean keepsValue, Function<String, Optional<String>> rewrite) {
        this.label = label;
        this.keepsValue = keepsValue;
        this.rewrite = rewrite;
    }

    /** The name the comparison reports the rewriting by. */
    public String label() {
        return label;
    }

    /** Whether a response written this way denotes the ground truth's answer. */
    public boolean keepsValue() {
        return keepsValue;
    }

    /** The answer written from {@code truth}, or empty when the rewriting does not apply to it. */
    public Optional<String> apply(String truth) {
        return rewrite.apply(truth.trim()).filter(a -> !a.isBlank() && (this == IDENTITY || !a.equals(truth.trim())));
    }

    /** The sign pointing the other way: {@code <} for {@code >}, {@code \geq} for {@code \leq}. */
    private static String flip(String sign) {
        return Map.of("<", ">", ">", "<", "\\le", "\\ge", "\\ge", "\\le", "\\leq", "\\geq", "\\geq", "\\leq")
                .get(sign);
    }

    private static Optional<String> changed(String before, String after) {
        return after.equals(before) ? Optional.empty() : Optional.of(after);
    }

    private static Optional<BigDecimal> decimal(String t) {
        return DECIMAL_TEXT.matcher(t).matches() ? Optional.of(new BigDecimal(t)) : Optional.empty();
    }

    private static Optional<BigInteger> integer(String t) {
        return t.matches("-?\\d+") ? Optional.of(new BigInteger(t)) : Optional.empty();
    }

    /** Numerator and denominator of a fraction of integers, {@code \frac{3}{4}} or {@code 3/4}. */
    private static Optional<BigInteger[]> fraction(String t) {
        Matcher m = FRACTION_TEXT.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigInteger numerator = m.group(2) != null ? new BigInteger(m.group(2)) : new BigInteger(m.group(4));
        BigInteger denominator = new BigInteger(m.group(3) != null ? m.group(3) : m.group(5));
        if (denominator.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger[] {"-".equals(m.group(1)) ? numerator.negate() : numerator, denominator});
    }

    private static Optional<BigDecimal> terminating(BigInteger[] q) {
        try {
            BigDecimal value = new BigDecimal(q[0]).divide(new BigDecimal(q[1]));
            return value.stripTrailingZeros().scale() > 0 ? Optional.of(value) : Optional.empty();
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The repeating expansion of a fraction, period at most 12 digits; empty when it terminates. */
    private static Optional<String> repeatingDecimal(BigInteger[] q) {
        BigInteger numerator = q[0].abs();
        BigInteger remainder = numerator.mod(q[1]);
        Map<BigInteger, Integer> seen = new HashMap<>();
        StringBuilder digits = new StringBuilder();
        while (remainder.signum() != 0 && !seen.containsKey(remainder) && digits.length() < 12) {
            seen.put(remainder, digits.length());
            remainder = remainder.multiply(BigInteger.TEN);
            digits.append(remainder.divide(q[1]));
            remainder = remainder.mod(q[1]);
        }
        if (remainder.signum() == 0 || !seen.containsKey(remainder)) {
            return Optional.empty();
        }
        int start = seen.get(remainder);
        return Optional.of((q[0].signum() < 0 ? "-" : "") + numerator.divide(q[1]) + "." + digits.substring(0, start)
                + "\\overline{" + digits.substring(start) + "}");
    }

    private static BigInteger[] asRatio(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        BigInteger numerator = s.unscaledValue();
        BigInteger denominator = BigInteger.TEN.pow(Math.max(0, s.scale()));
        if (s.scale() < 0) {
            numerator = numerator.multiply(BigInteger.TEN.pow(-s.scale()));
        }
        BigInteger gcd = numerator.gcd(denominator);
        return new BigInteger[] {numerator.divide(gcd), denominator.divide(gcd)};
    }

    private static String asFraction(BigDecimal d) {
        BigInteger[] q = asRatio(d);
        return (q[0].signum() < 0 ? "-" : "") + "\\frac{" + q[0].abs() + "}{" + q[1] + "}";
    }

    /** The elements of a tuple or interval {@code (a,b)}, {@code [a,b)}, written without nesting. */
    private static Optional<List<String>> tuple(String t) {
        if (t.length() < 5 || "([".indexOf(t.charAt(0)) < 0 || ")]".indexOf(t.charAt(t.length() - 1)) < 0) {
            return Optional.empty();
        }
        String inner = t.substring(1, t.length() - 1);
        if (inner.matches(".*[()\\[\\]{}].*") && !inner.matches("[^()\\[\\]]*")) {
            return Optional.empty();
        }
        List<String> parts = List.of(inner.split(","));
        return parts.size() >= 2 && parts.stream().noneMatch(String::isBlank)
                ? Optional.of(parts.stream().map(String::trim).toList()) : Optional.empty();
    }

    /** The elements of a set {@code \{a,b\}}, a bare list {@code a, b} or a tuple. */
    private static Optional<List<String>> elements(String t) {
        String inner = t.startsWith("\\{") && t.endsWith("\\}") ? t.substring(2, t.length() - 2) : null;
        // 58,500 is a number with a thousands separator, not a list of two.
        if (inner == null && t.matches("[^(){}\\[\\]\\\\]*,[^(){}\\[\\]\\\\]*")
                && !t.matches("-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?")) {
            inner = t;
        }
        if (inner == null) {
            return tuple(t);
        }
        if (inner.matches(".*[(\\[{].*")) {
            return Optional.empty();
        }
        List<String> parts = List.of(inner.split(","));
        return parts.size() >= 2 && parts.stream().noneMatch(String::isBlank)
                ? Optional.of(parts.stream().map(String::trim).toList()) : Optional.empty();
    }

    private static String wrap(String like, String inner) {
        if (like.startsWith("\\{")) {
            return "\\{" + inner + "\\}";
        }
        if (like.startsWith("(") || like.startsWith("[")) {
            return like.charAt(0) + inner + like.charAt(like.length() - 1);
        }
        return inner;
    }

    private static Optional<String> reversedCollection(String t) {
        if (t.startsWith("(") || t.startsWith("[")) {
            return Optional.empty();
        }
        return elements(t).filter(e -> e.stream().distinct().count() == e.size()).map(e -> {
            List<String> reversed = new ArrayList<>(e);
            Collections.reverse(reversed);
            return wrap(t, String.join(",", reversed));
        });
    }

    /** Left side, sign and right side of a single inequality. */
    private static Optional<String[]> relation(String t) {
        Matcher m = RELATION_TEXT.matcher(t);
        return m.matches() ? Optional.of(new String[] {m.group(1).trim(), m.group(2), m.group(3).trim()})
                : Optional.empty();
    }
}
