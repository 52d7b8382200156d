package io.rollstream.policy.sampling;

/**
 * Follows generated characters and reports the moment a {@code \boxed{...}} closes, counting nested braces
 * so {@code \boxed{\frac{1}{2}}} closes only at its last brace.
 */
final class BoxWatcher {

    private static final String OPENING = "\\boxed{";

    private int matched;
    private int depth;

    /** Feeds one character (-1 for a special token); true when it closes the outermost open box. */
    boolean accept(int codePoint) {
        if (depth > 0) {
            if (codePoint == '{') {
                depth++;
            } else if (codePoint == '}') {
                depth--;
                return depth == 0;
            }
            return false;
        }
        if (codePoint == OPENING.charAt(matched)) {
            matched++;
            if (matched == OPENING.length()) {
                matched = 0;
                depth = 1;
            }
        } else {
            // No character of the opening repeats, so a mismatch can only restart at a backslash.
            matched = codePoint == OPENING.charAt(0) ? 1 : 0;
        }
        return false;
    }

    /** True while inside an open box. */
    boolean insideBox() {
        return depth > 0;
    }
}
