package io.rollstream.grader.scoring;

import io.rollstream.grader.scoring.MathExpr.Binary;
import io.rollstream.grader.scoring.MathExpr.Binary.Op;
import io.rollstream.grader.scoring.MathExpr.Call;
import io.rollstream.grader.scoring.MathExpr.Constant;
import io.rollstream.grader.scoring.MathExpr.Negate;
import io.rollstream.grader.scoring.MathExpr.Num;
import io.rollstream.grader.scoring.MathExpr.Root;
import io.rollstream.grader.scoring.MathExpr.Variable;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * A recursive-descent reader of the LaTeX arithmetic found in final answers: numbers (with scientific
 * notation and mixed numbers such as {@code 3\frac{1}{2}}), variables, {@code + - * / ^}, implicit
 * multiplication, {@code \frac}, {@code \sqrt}, {@code \pi}, {@code i} and elementary functions.
 * Nesting is capped so hostile input fails fast instead of overflowing the stack.
 */
final class LatexExpression {

    static final int MAX_DEPTH = 100;

    private static final Map<String, Call.Function> FUNCTIONS = Map.ofEntries(
            Map.entry("sin", Call.Function.SIN), Map.entry("cos", Call.Function.COS),
            Map.entry("tan", Call.Function.TAN), Map.entry("cot", Call.Function.COT),
            Map.entry("sec", Call.Function.SEC), Map.entry("csc", Call.Function.CSC),
            Map.entry("arcsin", Call.Function.ARCSIN), Map.entry("arccos", Call.Function.ARCCOS),
            Map.entry("arctan", Call.Function.ARCTAN), Map.entry("ln", Call.Function.LN),
            Map.entry("log", Call.Function.LOG), Map.entry("exp", Call.Function.EXP));

    /** Why a text could not be read as an expression; {@code limit} marks a bound rather than bad syntax. */
    static final class SyntaxException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean limit;

        SyntaxException(String message, boolean limit) {
            super(message, null, false, false);
            this.limit = limit;
        }

        boolean isLimit() {
            return limit;
        }
    }

    private final String s;
    private int pos;
    private int depth;

    private LatexExpression(String text) {
        this.s = text;
    }

    /** Reads a whole normalised scalar answer; throws {@link SyntaxException} when it is not arithmetic. */
    static MathExpr parse(String text) {
        LatexExpression parser = new LatexExpression(text);
        MathExpr expr = parser.sum();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.pos) + "'");
        }
        return expr;
    }

    private MathExpr sum() {
        enter();
        MathExpr left = product();
        while (true) {
            skipSpaces();
            if (peek('+')) {
                pos++;
                left = new Binary(Op.ADD, left, product());
            } else if (peek('-')) {
                pos++;
                left = new Binary(Op.SUBTRACT, left, product());
            } else {
                break;
            }
        }
        depth--;
        return left;
    }

    private MathExpr product() {
        int start = pos;
        MathExpr left = unary();
        left = mixedNumber(start, left);
        while (true) {
            skipSpaces();
            if (peek('*') || peekCommand("cdot") || peekCommand("times")) {
                pos += peek('*') ? 1 : (peekCommand("cdot") ? 5 : 6);
                left = new Binary(Op.MULTIPLY, left, unary());
            } else if (peek('/') || peekCommand("div")) {
                pos += peek('/') ? 1 : 4;
                left = new Binary(Op.DIVIDE, left, unary());
            } else if (startsFactor()) {
                left = new Binary(Op.MULTIPLY, left, power());
            } else {
                break;
            }
        }
        return left;
    }

    /** {@code 3\frac{1}{2}} is three and a half, not three halves: an integer literal directly before a
     *  fraction of integer literals adds. */
    private MathExpr mixedNumber(int start, MathExpr whole) {
        String written = s.substring(start, pos).trim();
        boolean negative = written.startsWith("-");
        String digits = negative ? written.substring(1).trim() : written;
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            return whole;
        }
        int save = pos;
        skipSpaces();
        if (!peekCommand("frac")) {
            pos = save;
            return whole;
        }
        MathExpr fraction = primary();
        if (fraction instanceof Binary b && b.op() == Op.DIVIDE && isIntegerLiteral(b.left())
                && isIntegerLiteral(b.right())) {
            MathExpr magnitude = new Binary(Op.ADD, new Num(Rational.ofDecimal(digits)), fraction);
            return negative ? new Negate(magnitude) : magnitude;
        }
        pos = save;
        return whole;
    }

    private static boolean isIntegerLiteral(MathExpr e) {
        return e instanceof Num n && n.value().isInteger() && n.value().signum() >= 0;
    }

    private MathExpr unary() {
        enter();
        skipSpaces();
        MathExpr result;
        if (peek('-')) {
            pos++;
            result = new Negate(unary());
        } else if (peek('+')) {
            pos++;
            result = unary();
        } else {
            result = power();
        }
        depth--;
        return result;
    }

    private MathExpr power() {
        MathExpr base = primary();
        skipSpaces();
        if (peek('^')) {
            pos++;
            MathExpr exponent = script();
            return new Binary(Op.POWER, base, exponent);
        }
        if (peek('!')) {
            throw error("factorial");
        }
        return base;
    }

    /** A superscript or a command argument: a braced group or a single token ({@code \frac12}). */
    private MathExpr script() {
        skipSpaces();
        if (peek('{')) {
            return primary();
        }
        if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            return new Num(Rational.of(s.charAt(pos++) - '0'));
        }
        if (peek('-')) {
            pos++;
            return new Negate(script());
        }
        return primary();
    }

    private MathExpr primary() {
        enter();
        skipSpaces();
        if (pos >= s.length()) {
            throw error("unexpected end");
        }
        char c = s.charAt(pos);
        MathExpr result;
        if (Character.isDigit(c) || c == '.') {
            result = number();
        } else if (c == '(') {
            pos++;
            result = sum();
            expect(')');
        } else if (c == '{') {
            pos++;
            result = sum();
            expect('}');
        } else if (c == '\\') {
            result = command();
        } else if (isAsciiLetter(c)) {
            result = variable();
        } else {
            throw error("unexpected '" + c + "'");
        }
        depth--;
        return result;
    }

    private MathExpr number() {
        int start = pos;
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
            pos++;
        }
        String literal = s.substring(start, pos);
        if (literal.equals(".") || literal.indexOf('.') != literal.lastIndexOf('.')) {
            throw error("malformed number " + literal);
        }
        if (literal.indexOf('.') >= 0) {
            Rational repeating = repeatingTail(literal);
            if (repeating != null) {
                return new Num(repeating);
            }
        }
        Rational mantissa = Rational.ofDecimal(literal.endsWith(".") ? literal + "0" : literal);
        MathExpr value = new Num(mantissa);
        // Scientific notation 1.5e-3 / 2E+10: an exponent letter followed by digits, not a variable e.
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            int p = pos + 1;
            if (p < s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
                p++;
            }
            int digitsStart = p;
            while (p < s.length() && Character.isDigit(s.charAt(p))) {
                p++;
            }
            if (p > digitsStart && (p == s.length() || !isAsciiLetter(s.charAt(p)))) {
                BigInteger exponent = new BigInteger(s.substring(pos + 1, p).replace("+", ""));
                pos = p;
                value = new Binary(Op.MULTIPLY, value,
                        new Binary(Op.POWER, new Num(Rational.of(10)), new Num(new Rational(exponent, BigInteger.ONE))));
            }
        }
        if (pos < s.length() && s.charAt(pos) == '_') {
            // A numeral in another base is compared as written, never as the decimal it denotes: a question
            // that asks for base 2 is not answered by the decimal value.
            throw error("number with a base subscript");
        }
        return value;
    }

    /**
     * A repeating tail right after a decimal, {@code 0.1\overline{6}} or {@code 0.1(6)}: the value of the whole
     * repeating decimal, or null (position unchanged) when no tail of digits follows.
     */
    private Rational repeatingTail(String literal) {
        int start = pos;
        String repeating = null;
        if (s.startsWith("\\overline", pos) && !letterAt(pos + "\\overline".length())) {
            pos += "\\overline".length();
            skipSpaces();
            repeating = peek('{') ? bracedDigits('{', '}') : singleDigit();
        } else if (peek('(')) {
            repeating = bracedDigits('(', ')');
        }
        if (repeating == null || repeating.isEmpty()) {
            pos = start;
            return null;
        }
        int point = literal.indexOf('.');
        return Numerals.repeatingDecimal(literal.substring(0, point), literal.substring(point + 1), repeating);
    }

    /** The digits between {@code open} and {@code close} at the position, or null when anything else is there. */
    private String bracedDigits(char open, char close) {
        int end = s.indexOf(close, pos);
        if (!peek(open) || end < 0) {
            return null;
        }
        String inside = s.substring(pos + 1, end);
        if (!inside.chars().allMatch(Character::isDigit)) {
            return null;
        }
        pos = end + 1;
        return inside;
    }

    private String singleDigit() {
        return pos < s.length() && Character.isDigit(s.charAt(pos)) ? String.valueOf(s.charAt(pos++)) : null;
    }

    private MathExpr variable() {
        char c = s.charAt(pos++);
        StringBuilder name = new StringBuilder().append(c);
        if (pos < s.length() && s.charAt(pos) == '_') {
            pos++;
            if (peek('{')) {
                int close = BoxedAnswer.matchingBrace(s, pos);
                if (close < 0) {
                    throw error("unclosed subscript");
                }
                name.append('_').append(s, pos + 1, close);
                pos = close + 1;
            } else if (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                name.append('_').append(s.charAt(pos++));
            } else {
                throw error("empty subscript");
            }
        }
        if (name.length() == 1 && c == 'i') {
            return new Constant(Constant.Kind.IMAGINARY_UNIT);
        }
        return new Variable(name.toString());
    }

    private MathExpr command() {
        int start = ++pos;
        while (pos < s.length() && isAsciiLetter(s.charAt(pos))) {
            pos++;
        }
        String name = s.substring(start, pos);
        switch (name) {
            case "frac":
                return new Binary(Op.DIVIDE, script(), script());
            case "sqrt":
                return root();
            case "pi":
                return new Constant(Constant.Kind.PI);
            case "binom":
                return binomial();
            default:
                break;
        }
        Call.Function function = FUNCTIONS.get(name);
        if (function == null) {
            throw error("unsupported command \\" + name);
        }
        skipSpaces();
        MathExpr exponent = null;
        if (peek('^')) {
            pos++;
            exponent = script();
        }
        skipSpaces();
        MathExpr argument = peek('(') || peek('{') ? primary() : power();
        MathExpr call = new Call(function, argument);
        return exponent == null ? call : new Binary(Op.POWER, call, exponent);
    }

    /** {@code \\binom{n}{k}} of two integer literals; other arguments are not read. */
    private MathExpr binomial() {
        MathExpr n = script();
        MathExpr k = script();
        if (!(n instanceof Num top && top.value().isInteger() && k instanceof Num bottom && bottom.value().isInteger())) {
            throw error("binomial of anything but integers");
        }
        return new Num(new Rational(Numerals.binomial(top.value().numerator(), bottom.value().numerator())
                .orElseThrow(() -> new SyntaxException("binomial coefficient with n above "
                        + Numerals.MAX_BINOMIAL_N, true)), BigInteger.ONE));
    }

    private MathExpr root() {
        skipSpaces();
        MathExpr index = new Num(Rational.of(2));
        if (peek('[')) {
            pos++;
            index = sum();
            expect(']');
        }
        return new Root(index, script());
    }

    private boolean startsFactor() {
        if (pos >= s.length()) {
            return false;
        }
        char c = s.charAt(pos);
        if (Character.isDigit(c) || c == '(' || c == '{' || isAsciiLetter(c)) {
            return true;
        }
        return c == '\\' && !peekCommand("cdot") && !peekCommand("times") && !peekCommand("div");
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxException("expression nested deeper than " + MAX_DEPTH + " levels", true);
        }
    }

    private void skipSpaces() {
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < s.length() && s.charAt(pos) == c;
    }

    private boolean peekCommand(String name) {
        int end = pos + 1 + name.length();
        return s.startsWith("\\" + name, pos) && (end >= s.length() || !isAsciiLetter(s.charAt(end)));
    }

    private void expect(char c) {
        skipSpaces();
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private boolean letterAt(int i) {
        return i < s.length() && isAsciiLetter(s.charAt(i));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private SyntaxException error(String what) {
        return new SyntaxException(String.format(Locale.ROOT, "%s at %d", what, pos), false);
    }
}
