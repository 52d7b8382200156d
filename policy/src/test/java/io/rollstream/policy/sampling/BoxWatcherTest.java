package io.rollstream.policy.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class BoxWatcherTest {

    /** Index of the character after which the watcher reports a closed box, or -1. */
    private static int closingIndex(String text) {
        BoxWatcher watcher = new BoxWatcher();
        for (int i = 0; i < text.length(); i++) {
            if (watcher.accept(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void shouldCloseOnlyWhenNestedBracesBalance() {
        String text = "\\boxed{\\frac{1}{2}} rest";
        assertEquals(text.indexOf(" rest") - 1, closingIndex(text));
    }

    @Test
    void shouldIgnoreBracesOutsideABoxAndUnclosedBoxes() {
        assertEquals(-1, closingIndex("{a} \\frac{1}{2} \\boxed{3"));
    }

    @Test
    void shouldRecogniseAnOpeningAfterAFalseStart() {
        String text = "\\b\\boxed{5}";
        assertEquals(text.length() - 1, closingIndex(text));
    }

    @Test
    void shouldTreatSpecialTokensAsBreakingAnOpening() {
        BoxWatcher watcher = new BoxWatcher();
        for (char c : "\\box".toCharArray()) {
            watcher.accept(c);
        }
        watcher.accept(-1);
        for (char c : "ed{1}".toCharArray()) {
            assertFalse(watcher.accept(c));
        }
    }
}
