package io.rollstream.grader.scoring;

import java.util.Optional;

/**
 * Finds the final answer of a response: the content of its last complete {@code \boxed{...}} or
 * {@code \fbox{...}}, with nested braces matched, in one linear scan so megabyte inputs stay cheap.
 */
public final class BoxedAnswer {

    private static final String[] MARKERS = {"\\boxed", "\\fbox"};

    private BoxedAnswer() {
    }

    /**
     * The content of the last complete box in {@code text}; empty when there is none or the last box is
     * never closed. {@code \boxed 5} (a box without braces, as some models write it) yields its one token.
     */
    public static Optional<String> extractLast(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int start = lastMarker(text);
        // An unclosed last box is not a final answer, and neither is an earlier complete one: the response
        // went on past it.
        return start < 0 ? Optional.empty() : contentAt(text, start);
    }

    private static int lastMarker(String text) {
        int best = -1;
        for (String marker : MARKERS) {
            int from = text.length();
            while (true) {
                int at = text.lastIndexOf(marker, from);
                if (at < 0) {
                    break;
                }
                int after = at + marker.length();
                // "\boxedfoo" is another command, not a box.
                if (after < text.length() && Character.isLetter(text.charAt(after))) {
                    from = at - 1;
                    continue;
                }
                best = Math.max(best, at);
                break;
            }
        }
        return best;
    }

    private static Optional<String> contentAt(String text, int markerStart) {
        int i = markerStart + (text.startsWith("\\boxed", markerStart) ? "\\boxed".length() : "\\fbox".length());
        int n = text.length();
        if (i < n && text.charAt(i) == '{') {
            int close = matchingBrace(text, i);
            return close < 0 ? Optional.empty() : Optional.of(text.substring(i + 1, close).trim());
        }
        // "\boxed 5" and "\boxed 5$": a single space-separated token.
        if (i < n && text.charAt(i) == ' ') {
            int s = i;
            while (s < n && text.charAt(s) == ' ') {
                s++;
            }
            int e = s;
            while (e < n && !Character.isWhitespace(text.charAt(e)) && text.charAt(e) != '$') {
                e++;
            }
            return e > s ? Optional.of(text.substring(s, e)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Index of the brace closing the one at {@code open}, skipping escaped braces; -1 when unbalanced. */
    static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
