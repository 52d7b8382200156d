package io.rollstream.grader.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The structure of a normalised answer: a scalar, an ordered group (tuple, interval, vector, matrix row)
 * whose brackets and order matter, or an unordered collection (a set, a bare list of solutions, the two
 * branches of {@code \pm}, a union of intervals) whose order does not, a chain of inequalities, or values
 * given to named variables ({@code x=1,y=2}).
 */
sealed interface AnswerShape permits AnswerShape.Scalar, AnswerShape.Ordered, AnswerShape.Unordered,
        AnswerShape.Relation, AnswerShape.Assignments {

    /** More elements than this make an answer unscorable rather than a quadratic matching problem. */
    int MAX_ELEMENTS = 64;

    /** One expression, kept as normalised text. */
    record Scalar(String text) implements AnswerShape {
        public Scalar {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Elements in order between an opening and a closing bracket; matrices use {@code M} and rows {@code R}. */
    record Ordered(char open, char close, List<AnswerShape> elements) implements AnswerShape {
        public Ordered {
            elements = List.copyOf(elements);
        }
    }

    /** Elements in any order; unions only ever match unions. */
    record Unordered(Kind kind, List<AnswerShape> elements) implements AnswerShape {
        enum Kind { COLLECTION, UNION }

        public Unordered {
            Objects.requireNonNull(kind, "kind");
            elements = List.copyOf(elements);
        }
    }

    /**
     * Inequalities between operands, kept pointing up: {@code x\ge3} is read as {@code 3\le x}, so that
     * the operators are {@code <} and {@code \le} only and the operands come in ascending order.
     */
    record Relation(List<String> operators, List<AnswerShape> operands) implements AnswerShape {
        public Relation {
            operators = List.copyOf(operators);
            operands = List.copyOf(operands);
            if (operands.size() != operators.size() + 1) {
                throw new IllegalArgumentException(operators.size() + " operators between " + operands.size()
                        + " operands");
            }
        }
    }

    /** Values given to distinct variables, in the order written: {@code x=1,y=2}. */
    record Assignments(List<String> names, List<AnswerShape> values) implements AnswerShape {
        public Assignments {
            names = List.copyOf(names);
            values = List.copyOf(values);
            if (names.size() != values.size() || new HashSet<>(names).size() != names.size()) {
                throw new IllegalArgumentException("names " + names + " for " + values.size() + " values");
            }
        }
    }

    /** Reads the structure of a normalised answer. */
    static AnswerShape of(String s) {
        return of(s, 0);
    }

    private static AnswerShape of(String s, int depth) {
        if (depth > LatexExpression.MAX_DEPTH) {
            throw new LatexExpression.SyntaxException("answer nested deeper than " + LatexExpression.MAX_DEPTH
                    + " levels", true);
        }
        List<String> unionParts = splitTopLevel(s, "\\cup");
        if (unionParts.size() > 1) {
            return new Unordered(Unordered.Kind.UNION, elements(unionParts, depth));
        }
        if (s.startsWith("\\{") && s.endsWith("\\}") && closingOf(s, 0) == s.length() - 2) {
            String inner = s.substring(2, s.length() - 2);
            return new Unordered(Unordered.Kind.COLLECTION,
                    inner.isEmpty() ? List.of() : flatten(elements(splitTopLevel(inner, ","), depth)));
        }
        AnswerShape matrix = matrix(s, depth);
        if (matrix != null) {
            return matrix;
        }
        if (s.length() >= 2 && (s.charAt(0) == '(' || s.charAt(0) == '[') && closingOf(s, 0) == s.length() - 1) {
            List<String> parts = splitTopLevel(s.substring(1, s.length() - 1), ",");
            if (parts.size() > 1) {
                return new Ordered(s.charAt(0), s.charAt(s.length() - 1), elements(parts, depth));
            }
        }
        List<String> parts = splitTopLevel(s, ",");
        if (parts.size() > 1) {
            AnswerShape assignments = assignments(parts, depth);
            return assignments != null ? assignments
                    : new Unordered(Unordered.Kind.COLLECTION, flatten(elements(parts, depth)));
        }
        AnswerShape relation = relation(s, depth);
        if (relation != null) {
            return relation;
        }
        List<String> plusMinus = splitTopLevel(s, "\\pm");
        if (plusMinus.size() == 2) {
            String head = plusMinus.get(0);
            String tail = plusMinus.get(1);
            return new Unordered(Unordered.Kind.COLLECTION,
                    List.of(new Scalar(head + "+" + tail), new Scalar(head + "-" + tail)));
        }
        return new Scalar(s);
    }

    /** {@code x=1,y=2}: every part gives a value to a variable of its own; null when any part does not. */
    private static AnswerShape assignments(List<String> parts, int depth) {
        List<String> names = new ArrayList<>(parts.size());
        List<String> values = new ArrayList<>(parts.size());
        for (String part : parts) {
            List<String> sides = splitTopLevel(part, "=");
            String name = sides.get(0).trim();
            if (sides.size() != 2 || !AnswerNormaliser.SINGLE_VARIABLE.matcher(name).matches() || name.equals("\\pi")
                    || names.contains(name)) {
                return null;
            }
            names.add(name);
            values.add(sides.get(1).trim());
        }
        return new Assignments(names, elements(values, depth));
    }

    /**
     * {@code 1<x\le3} and {@code x\ge3}: operands between top-level inequality signs that all point the same
     * way, turned to point up; null when there is no sign, an operand is empty or the signs point both ways.
     */
    private static AnswerShape relation(String s, int depth) {
        List<String> operators = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        int level = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int width = 0;
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(i + 1);
                if (next == '{' || next == '}') {
                    level += next == '{' ? 1 : -1;
                } else if (level == 0 && (s.startsWith("\\le", i) || s.startsWith("\\ge", i))
                        && !(i + 3 < s.length() && Character.isLetter(s.charAt(i + 3)))) {
                    width = 3;
                }
                if (width == 0) {
                    i++;
                    continue;
                }
            } else if (c == '{' || c == '(' || c == '[') {
                level++;
            } else if (c == '}' || c == ')' || c == ']') {
                level--;
            } else if (level == 0 && (c == '<' || c == '>')) {
                width = 1;
            }
            if (width > 0) {
                operands.add(s.substring(start, i).trim());
                operators.add(s.substring(i, i + width));
                start = i + width;
                i += width - 1;
            }
        }
        operands.add(s.substring(start).trim());
        if (operators.isEmpty() || operands.stream().anyMatch(String::isEmpty)) {
            return null;
        }
        boolean up = operators.stream().allMatch(o -> o.equals("<") || o.equals("\\le"));
        boolean down = operators.stream().allMatch(o -> o.equals(">") || o.equals("\\ge"));
        if (!up && !down) {
            return null;
        }
        if (down) {
            Collections.reverse(operands);
            Collections.reverse(operators);
            operators.replaceAll(o -> o.equals(">") ? "<" : "\\le");
        }
        return new Relation(operators, elements(operands, depth));
    }

    private static List<AnswerShape> elements(List<String> parts, int depth) {
        if (parts.size() > MAX_ELEMENTS) {
            throw new LatexExpression.SyntaxException("answer has more than " + MAX_ELEMENTS + " elements", true);
        }
        List<AnswerShape> out = new ArrayList<>(parts.size());
        for (String part : parts) {
            out.add(of(part.trim(), depth + 1));
        }
        return out;
    }

    /** {@code \{1 \pm \sqrt{5}, -2\}} lists three solutions: a {@code \pm} element contributes both branches. */
    private static List<AnswerShape> flatten(List<AnswerShape> elements) {
        List<AnswerShape> out = new ArrayList<>();
        for (AnswerShape e : elements) {
            if (e instanceof Unordered u && u.kind() == Unordered.Kind.COLLECTION) {
                out.addAll(u.elements());
            } else {
                out.add(e);
            }
        }
        return out;
    }

    private static AnswerShape matrix(String s, int depth) {
        for (String env : new String[] {"pmatrix", "bmatrix", "matrix", "vmatrix"}) {
            String begin = "\\begin{" + env + "}";
            String end = "\\end{" + env + "}";
            if (s.startsWith(begin) && s.endsWith(end) && s.length() >= begin.length() + end.length()) {
                String body = s.substring(begin.length(), s.length() - end.length());
                List<String> rows = splitTopLevel(body, "\\\\");
                if (rows.size() > MAX_ELEMENTS) {
                    throw new LatexExpression.SyntaxException("matrix has more than " + MAX_ELEMENTS + " rows", true);
                }
                List<AnswerShape> shapes = new ArrayList<>();
                for (String row : rows) {
                    if (!row.isBlank()) {
                        shapes.add(new Ordered('R', 'R', elements(splitTopLevel(row, "&"), depth)));
                    }
                }
                char kind = env.equals("vmatrix") ? 'D' : 'M';
                return new Ordered(kind, kind, shapes);
            }
        }
        return null;
    }

    /**
     * Splits at every occurrence of {@code separator} outside braces and brackets; intervals may close
     * with the other bracket kind, so {@code (} and {@code [} are interchangeable for depth.
     */
    static List<String> splitTopLevel(String s, String separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '}')) {
                depth += s.charAt(i + 1) == '{' ? 1 : -1;
                i++;
                continue;
            }
            if (depth == 0 && s.startsWith(separator, i) && !(separator.startsWith("\\")
                    && Character.isLetter(separator.charAt(separator.length() - 1))
                    && i + separator.length() < s.length() && Character.isLetter(s.charAt(i + separator.length())))) {
                parts.add(s.substring(start, i));
                i += separator.length() - 1;
                start = i + 1;
                continue;
            }
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                i++;
                continue;
            }
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** Index of the bracket closing the one at {@code open} ({@code \{} counts as one), or -1. */
    static int closingOf(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(i + 1);
                if (next == '{' || next == '}') {
                    depth += next == '{' ? 1 : -1;
                    if (depth == 0) {
                        return i;
                    }
                }
                i++;
                continue;
            }
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
