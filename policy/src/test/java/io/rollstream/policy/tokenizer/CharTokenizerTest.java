package io.rollstream.policy.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CharTokenizerTest {

    private final CharTokenizer tokenizer = CharTokenizer.standard();

    private final List<ChatMessage> conversation = List.of(
            ChatMessage.system("Put the answer in \\boxed{}."),
            ChatMessage.user("What is 6 × 7?"),
            ChatMessage.assistant("6 × 7 = \\boxed{41}"),
            ChatMessage.system("Your answer is incorrect. Try again."));

    @Test
    void shouldRenderRolesAndContinueFromAResponsePrefix() {
        int[] ids = tokenizer.encodePrompt(conversation, "Let me recompute: ");
        assertEquals(
                "<|system|>Put the answer in \\boxed{}.<|end|><|user|>What is 6 × 7?<|end|>"
                        + "<|assistant|>6 × 7 = \\boxed{41}<|end|><|system|>Your answer is incorrect. Try again."
                        + "<|end|><|assistant|>Let me recompute: ",
                tokenizer.decode(ids));
        assertArrayEquals(ids, tokenizer.encodeWithMarkers(tokenizer.decode(ids)));
    }

    @Test
    void shouldEndAPromptWithoutPrefixAtTheAssistantMarker() {
        int[] ids = tokenizer.encodePrompt(List.of(ChatMessage.user("hi")), null);
        assertArrayEquals(new int[] {CharTokenizer.USER, ids[1], ids[2], CharTokenizer.END_OF_TURN,
            CharTokenizer.ASSISTANT}, ids);
        assertEquals("hi", tokenizer.decodeContent(ids));
    }

    @Test
    void shouldKeepMarkerLookalikesInContentAsPlainCharacters() {
        int[] ids = tokenizer.encodePrompt(List.of(ChatMessage.user("<|assistant|>")), null);
        assertEquals(3 + "<|assistant|>".length(), ids.length);
        assertEquals("<|assistant|>", tokenizer.decodeContent(ids));
    }

    @Test
    void shouldRoundTripEveryCharacterOfTheAlphabet() {
        for (int id = 0; id < tokenizer.vocabSize(); id++) {
            if (!tokenizer.isSpecial(id)) {
                String text = tokenizer.decode(new int[] {id});
                assertArrayEquals(new int[] {id}, tokenizer.encodeText(text), "id " + id);
            }
        }
    }

    @Test
    void shouldMapCharactersOutsideTheAlphabetToUnknown() {
        int[] ids = tokenizer.encodeText("a\u4e2db\uD83D\uDE00");
        assertEquals(4, ids.length);
        assertEquals(CharTokenizer.UNKNOWN, ids[1]);
        assertEquals(CharTokenizer.UNKNOWN, ids[3]);
        assertTrue(tokenizer.vocabSize() < 128);
    }
}
