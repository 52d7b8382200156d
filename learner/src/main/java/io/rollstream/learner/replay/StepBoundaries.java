package io.rollstream.learner.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Step boundaries of a response: reasoning is written one step per line, so a state worth restarting from
 * ends just after a newline. A boundary is a character offset p with {@code 0 < p < length}, the character
 * before p a newline and the character at p not a newline: a run of blank lines counts once, and neither the
 * empty prefix (a fresh prompt) nor the whole response (nothing left to generate) is a boundary.
 */
public final class StepBoundaries {

    private StepBoundaries() {
    }

    /** The boundaries of {@code response}, ascending. */
    public static List<Integer> of(String response) {
        List<Integer> boundaries = new ArrayList<>();
        for (int p = 1; p < response.length(); p++) {
            if (isBoundary(response, p)) {
                boundaries.add(p);
            }
        }
        return boundaries;
    }

    /** Whether {@code offset} is a step boundary of {@code response}. */
    public static boolean isBoundary(String response, int offset) {
        return offset > 0 && offset < response.length()
                && response.charAt(offset - 1) == '\n' && response.charAt(offset) != '\n';
    }
}
