package io.rollstream.policy.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A character-level tokenizer: one id per character, plus special ids for padding, unknown characters,
 * the three role markers and end of turn. A conversation renders as
 * {@code <|role|>content<|end|>} per message, and a prompt ends with {@code <|assistant|>} and an optional
 * response prefix to continue from.
 */
public final class CharTokenizer {

    /** Padding; never produced by rendering, ignored by the model through attention masks. */
    public static final int PAD = 0;
    /** Any character outside the alphabet. */
    public static final int UNKNOWN = 1;
    /** Starts a system turn. */
    public static final int SYSTEM = 2;
    /** Starts a user turn. */
    public static final int USER = 3;
    /** Starts an assistant turn. */
    public static final int ASSISTANT = 4;
    /** Ends any turn; sampling stops when the model emits it. */
    public static final int END_OF_TURN = 5;

    private static final String[] MARKERS = {
        "<|pad|>", "<|unk|>", "<|system|>", "<|user|>", "<|assistant|>", "<|end|>"
    };

    // Characters common in math word problems beyond ASCII: × ÷ − ± ≤ ≥ ≠ ≈ √ ∞ π ° · … – — ‘ ’ “ ”
    private static final String EXTRA_CHARACTERS =
            "\u00d7\u00f7\u2212\u00b1\u2264\u2265\u2260\u2248\u221a\u221e\u03c0\u00b0\u00b7\u2026"
                    + "\u2013\u2014\u2018\u2019\u201c\u201d";

    private static final CharTokenizer STANDARD = new CharTokenizer();

    private final int[] codePointById;
    private final Map<Integer, Integer> idByCodePoint;

    private CharTokenizer() {
        List<Integer> alphabet = new ArrayList<>();
        alphabet.add((int) '\n');
        for (int c = 32; c <= 126; c++) {
            alphabet.add(c);
        }
        EXTRA_CHARACTERS.codePoints().forEach(alphabet::add);
        codePointById = new int[MARKERS.length + alphabet.size()];
        Arrays.fill(codePointById, 0, MARKERS.length, -1);
        idByCodePoint = new HashMap<>();
        for (int i = 0; i < alphabet.size(); i++) {
            codePointById[MARKERS.length + i] = alphabet.get(i);
            idByCodePoint.put(alphabet.get(i), MARKERS.length + i);
        }
    }

    /** The tokenizer every preset model is built for; immutable and shareable across threads. */
    public static CharTokenizer standard() {
        return STANDARD;
    }

    /** Number of ids, special ones included. */
    public int vocabSize() {
        return codePointById.length;
    }

    /** True for padding, unknown, role markers and end of turn. */
    public boolean isSpecial(int id) {
        return id >= 0 && id < MARKERS.length;
    }

    /** The character an id stands for, or -1 for a special id. */
    public int codePointOf(int id) {
        checkId(id);
        return codePointById[id];
    }

    /** The marker id that opens a turn of this role. */
    public int roleMarker(ChatRole role) {
        if (role == ChatRole.SYSTEM) {
            return SYSTEM;
        }
        return role == ChatRole.USER ? USER : ASSISTANT;
    }

    /**
     * Renders the conversation, then the assistant marker and the response prefix (if any), ready for the
     * model to continue the assistant turn. Content is encoded as plain text: marker-like strings in it stay
     * ordinary characters.
     */
    public int[] encodePrompt(List<ChatMessage> messages, String responsePrefixOrNull) {
        Objects.requireNonNull(messages, "messages");
        IdBuffer out = new IdBuffer();
        for (ChatMessage message : messages) {
            out.addAll(encodeMessage(message));
        }
        out.add(ASSISTANT);
        if (responsePrefixOrNull != null) {
            out.addAll(encodeText(responsePrefixOrNull));
        }
        return out.toArray();
    }

    /** One complete turn: role marker, content, end of turn. */
    public int[] encodeMessage(ChatMessage message) {
        IdBuffer out = new IdBuffer();
        out.add(roleMarker(message.role()));
        out.addAll(encodeText(message.content()));
        out.add(END_OF_TURN);
        return out.toArray();
    }

    /** Plain text, one id per character; characters outside the alphabet become {@link #UNKNOWN}. */
    public int[] encodeText(String text) {
        return text.codePoints().map(c -> idByCodePoint.getOrDefault(c, UNKNOWN)).toArray();
    }

    /** Inverse of {@link #decode}: marker strings become special ids, everything else characters. */
    public int[] encodeWithMarkers(String rendered) {
        IdBuffer out = new IdBuffer();
        int i = 0;
        while (i < rendered.length()) {
            int marker = markerAt(rendered, i);
            if (marker >= 0) {
                out.add(marker);
                i += MARKERS[marker].length();
            } else {
                int c = rendered.codePointAt(i);
                out.add(idByCodePoint.getOrDefault(c, UNKNOWN));
                i += Character.charCount(c);
            }
        }
        return out.toArray();
    }

    /** Renders ids as text with special ids written as their markers, e.g. {@code <|user|>}. */
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder(ids.length);
        for (int id : ids) {
            checkId(id);
            if (isSpecial(id)) {
                out.append(MARKERS[id]);
            } else {
                out.appendCodePoint(codePointById[id]);
            }
        }
        return out.toString();
    }

    /** Renders only the characters, dropping special ids: the text of a response. */
    public String decodeContent(int[] ids) {
        StringBuilder out = new StringBuilder(ids.length);
        for (int id : ids) {
            checkId(id);
            if (!isSpecial(id)) {
                out.appendCodePoint(codePointById[id]);
            }
        }
        return out.toString();
    }

    /** The literal text of a special id's marker. */
    public String marker(int specialId) {
        if (!isSpecial(specialId)) {
            throw new IllegalArgumentException("not a special id: " + specialId);
        }
        return MARKERS[specialId];
    }

    private static int markerAt(String text, int index) {
        for (int id = 0; id < MARKERS.length; id++) {
            if (text.startsWith(MARKERS[id], index)) {
                return id;
            }
        }
        return -1;
    }

    private void checkId(int id) {
        if (id < 0 || id >= codePointById.length) {
            throw new IllegalArgumentException(
                    "token id " + id + " outside vocabulary of " + codePointById.length);
        }
    }

    /** A growable int array, so rendering does not box every id. */
    private static final class IdBuffer {
        private int[] ids = new int[64];
        private int size;

        void add(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        void addAll(int[] more) {
            for (int id : more) {
                add(id);
            }
        }

        int[] toArray() {
            return Arrays.copyOf(ids, size);
        }
    }
}
