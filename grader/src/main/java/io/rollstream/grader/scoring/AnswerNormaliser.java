package io.rollstream.grader.scoring;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a final answer into a canonical LaTeX text, so that answers differing only in presentation
 * (math delimiters, {@code \left}/{@code \right}, {@code \dfrac}, units, degrees, percent, thousands
 * separators, trailing zeros, spacing, {@code x = 5}, {@code (x, y) = (1, 2)}, {@code \text{(C)}}, the
 * spellings of a relation or of infinity, Unicode signs) become the same string.
 * Every step is a linear scan or a regular expression without nested quantifiers, so it stays cheap on
 * the longest input the checker accepts.
 */
final class AnswerNormaliser {

    private static final String[] TEXT_COMMANDS = {
        "\\textbf", "\\textit", "\\textrm", "\\textsf", "\\texttt", "\\mathrm", "\\mathbf", "\\mathit",
        "\\mathsf", "\\mbox", "\\hbox", "\\operatorname"};

    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?");
    private static final Pattern LEADING_DOT = Pattern.compile("(?<![\\d.])\\.(\\d)");
    // Zeros before a repeating tail (0.0\overline{3}, 0.10(6)) are digits of the value, not padding.
    private static final Pattern TRAILING_ZEROS =
            Pattern.compile("(\\d\\.\\d*?[1-9])0+(?![\\d]|\\\\overline|\\(\\d)");
    private static final Pattern POINT_ZEROS = Pattern.compile("(\\d)\\.0+(?![\\d]|\\\\overline|\\(\\d)");
    private static final Pattern BRACED_BASE = Pattern.compile("(\\d)_\\{(\\d{1,2})\\}");
    private static final Pattern INFINITY_WORD = Pattern.compile("(?<![\\\\a-zA-Z])inf(?:inity)?(?![a-zA-Z])");
    private static final Pattern PLUS_INFINITY = Pattern.compile("(^|[(\\[,])\\+\\\\infty");
    private static final Pattern CHOICE = Pattern.compile("\\(([A-E])\\)(?:[^,].*)?|([A-E])");
    private static final String VARIABLE = "[a-zA-Z](?:_\\{?[a-zA-Z0-9]+\\}?)?|\\\\[a-zA-Z]+";
    static final Pattern SINGLE_VARIABLE = Pattern.compile(VARIABLE);
    private static final Pattern VARIABLE_TUPLE =
            Pattern.compile("\\((?:" + VARIABLE + ")(?: ?, ?(?:" + VARIABLE + "))+\\)");

    /** Spellings of one relation or binomial, each rewritten to the first of its row. */
    private static final String[][] SYNONYMS = {
        {"\\le", "\\leqslant", "\\leq"}, {"\\ge", "\\geqslant", "\\geq"}, {"\\ne", "\\neq"},
        {"<", "\\lt"}, {">", "\\gt"}, {"\\binom", "\\dbinom", "\\tbinom"}};

    private AnswerNormaliser() {
    }

    static String normalise(String answer) {
        String s = answer.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ').trim();
        s = unicodeSigns(s);
        s = removeSpacingCommands(s);
        s = stripDelimiters(s);
        s = removeCommand(s, "\\displaystyle");
        s = removeSizing(s, "\\left");
        s = removeSizing(s, "\\right");
        s = synonyms(s);
        s = s.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac").replace("\\cfrac", "\\frac");
        for (String command : TEXT_COMMANDS) {
            s = s.replace(command + "{", "\\text{");
        }
        s = s.replace("^{\\circ}", "").replace("^\\circ", "").replace("\\circ", "").replace("°", "")
                .replace("\\degree", "");
        s = s.replace("\\%", "").replace("%", "");
        s = s.replace("\\varnothing", "\\emptyset").replace("\\infinity", "\\infty");
        s = s.replace("{,}", "");
        s = UnitText.strip(s);
        s = INFINITY_WORD.matcher(s).replaceAll("\\\\infty");
        s = dropVariablePrefix(s);
        s = fixFractionsAndRoots(s);
        s = compactSpaces(s);
        s = PLUS_INFINITY.matcher(s).replaceAll("$1\\\\infty");
        s = BRACED_BASE.matcher(s).replaceAll("$1_$2");
        s = stripOuterBraces(s);
        s = numbers(s);
        if (s.length() > 1 && s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        Matcher choice = CHOICE.matcher(s);
        if (choice.matches()) {
            return choice.group(1) != null ? choice.group(1) : choice.group(2);
        }
        return s;
    }

    /** The minus sign, relations and infinity as Unicode characters are read as their LaTeX. */
    static String unicodeSigns(String s) {
        return s.replace('\u2212', '-').replace("\u2264", "\\le ").replace("\u2265", "\\ge ")
                .replace("\u2260", "\\ne ").replace("\u221e", "\\infty ");
    }

    /** {@code \geq} and {@code \ge} are one relation; a longer command that starts the same way stays. */
    private static String synonyms(String s) {
        for (String[] row : SYNONYMS) {
            for (int k = 1; k < row.length; k++) {
                s = replaceCommand(s, row[k], row[0]);
            }
        }
        return s;
    }

    private static String replaceCommand(String s, String command, String replacement) {
        if (!s.contains(command)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith(command, i) && !letterAt(s, i + command.length())) {
                out.append(replacement);
                i += command.length();
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    /** Thin spaces and friends only space things out; {@code \!} joins digit groups; {@code \\} stays. */
    private static String removeSpacingCommands(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            if (c == '\\' && next == '\\') {
                out.append("\\\\");
                i += 2;
            } else if (c == '\\' && next == '!') {
                i += 2;
            } else if (c == '\\' && (next == ',' || next == ';' || next == ':' || next == ' ')) {
                out.append(' ');
                i += 2;
            } else if (c == '~') {
                out.append(' ');
                i++;
            } else if (s.startsWith("\\qquad", i) && !letterAt(s, i + 6)) {
                out.append(' ');
                i += 6;
            } else if (s.startsWith("\\quad", i) && !letterAt(s, i + 5)) {
                out.append(' ');
                i += 5;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String stripDelimiters(String s) {
        s = s.replace("\\$", "").replace("$", "");
        if (s.startsWith("\\(") && s.endsWith("\\)") || s.startsWith("\\[") && s.endsWith("\\]")) {
            s = s.substring(2, s.length() - 2);
        }
        return s.trim();
    }

    /** Removes a command unless it is a prefix of a longer one ({@code \right} in {@code \rightarrow}). */
    private static String removeCommand(String s, String command) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith(command, i) && !letterAt(s, i + command.length())) {
                i += command.length();
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    /** Removes {@code \left}/{@code \right} and the invisible delimiter {@code .} they may carry. */
    private static String removeSizing(String s, String command) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith(command, i) && !letterAt(s, i + command.length())) {
                i += command.length();
                if (i < s.length() && s.charAt(i) == '.') {
                    i++;
                }
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    /** {@code x = 5}, {@code (x, y) = (1, 2)} and {@code x \in [1, 2]} answer with their right-hand side. */
    private static String dropVariablePrefix(String s) {
        int eq = topLevelEquals(s);
        if (eq >= 0 && s.indexOf('=', eq + 1) < 0) {
            String lhs = s.substring(0, eq).trim();
            if (SINGLE_VARIABLE.matcher(lhs).matches() && !lhs.equals("\\pi")
                    || VARIABLE_TUPLE.matcher(lhs).matches()) {
                return s.substring(eq + 1).trim();
            }
        }
        int in = s.indexOf("\\in");
        if (in > 0 && !letterAt(s, in + 3)) {
            String lhs = s.substring(0, in).trim();
            if (SINGLE_VARIABLE.matcher(lhs).matches()) {
                return s.substring(in + 3).trim();
            }
        }
        return s;
    }

    private static int topLevelEquals(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            } else if (c == '=' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code \frac12}, {@code \frac 34}, {@code \frac{270}7} and {@code \sqrt2} get braced arguments. */
    private static String fixFractionsAndRoots(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        fixArguments(s, out, 0);
        return out.toString();
    }

    private static void fixArguments(String s, StringBuilder out, int depth) {
        if (depth > LatexExpression.MAX_DEPTH) {
            // The reader refuses this nesting anyway; copying it through keeps the normaliser's stack flat.
            out.append(s);
            return;
        }
        int i = 0;
        while (i < s.length()) {
            int args = 0;
            if (s.startsWith("\\frac", i) && !letterAt(s, i + 5)) {
                args = 2;
            } else if (s.startsWith("\\sqrt", i) && !letterAt(s, i + 5)) {
                args = 1;
            } else if (s.startsWith("\\binom", i) && !letterAt(s, i + 6)) {
                args = 2;
            }
            if (args == 0) {
                out.append(s.charAt(i++));
                continue;
            }
            int name = s.charAt(i + 1) == 'b' ? 6 : 5;
            out.append(s, i, i + name);
            i += name;
            if (args == 1 && i < s.length() && s.charAt(i) == '[') {
                int close = s.indexOf(']', i);
                if (close < 0) {
                    out.append(s, i, s.length());
                    return;
                }
                out.append(s, i, close + 1);
                i = close + 1;
            }
            for (int a = 0; a < args; a++) {
                while (i < s.length() && s.charAt(i) == ' ') {
                    i++;
                }
                if (i >= s.length()) {
                    return;
                }
                int end = argumentEnd(s, i);
                if (end < 0) {
                    out.append(s, i, s.length());
                    return;
                }
                String argument = s.charAt(i) == '{' ? s.substring(i + 1, end - 1) : s.substring(i, end);
                out.append('{');
                fixArguments(argument, out, depth + 1);
                out.append('}');
                i = end;
            }
        }
    }

    /** End (exclusive) of the argument at {@code i}: a braced group, a command name or one character. */
    private static int argumentEnd(String s, int i) {
        char c = s.charAt(i);
        if (c == '{') {
            int close = BoxedAnswer.matchingBrace(s, i);
            return close < 0 ? -1 : close + 1;
        }
        if (c == '\\') {
            int end = i + 1;
            while (end < s.length() && isAsciiLetter(s.charAt(end))) {
                end++;
            }
            return end;
        }
        return i + 1;
    }

    /**
     * Removes all spaces except the one that ends a command before a letter ({@code \cot x}), which the
     * expression reader needs to tell {@code \cot x} from an unknown {@code \cotx}.
     */
    static String compactSpaces(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        boolean inCommand = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ') {
                int j = i;
                while (j < s.length() && s.charAt(j) == ' ') {
                    j++;
                }
                if (inCommand && j < s.length() && isAsciiLetter(s.charAt(j))) {
                    out.append(' ');
                }
                inCommand = false;
                i = j;
                continue;
            }
            if (c == '\\') {
                inCommand = i + 1 < s.length() && isAsciiLetter(s.charAt(i + 1));
                out.append(c);
                if (!inCommand && i + 1 < s.length()) {
                    out.append(s.charAt(i + 1));
                    i += 2;
                    continue;
                }
            } else if (!isAsciiLetter(c)) {
                inCommand = false;
                out.append(c);
            } else {
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    /** At most {@link LatexExpression#MAX_DEPTH} layers: deeper ones are refused by the reader anyway. */
    private static String stripOuterBraces(String s) {
        for (int layer = 0; layer < LatexExpression.MAX_DEPTH && s.length() >= 2 && s.charAt(0) == '{'
                && BoxedAnswer.matchingBrace(s, 0) == s.length() - 1; layer++) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static String numbers(String s) {
        if (THOUSANDS.matcher(s).matches()) {
            s = s.replace(",", "");
        }
        s = LEADING_DOT.matcher(s).replaceAll("0.$1");
        s = TRAILING_ZEROS.matcher(s).replaceAll("$1");
        s = POINT_ZEROS.matcher(s).replaceAll("$1");
        return s;
    }

    private static boolean letterAt(String s, int i) {
        return i < s.length() && isAsciiLetter(s.charAt(i));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
