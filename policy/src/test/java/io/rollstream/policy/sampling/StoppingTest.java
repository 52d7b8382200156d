package io.rollstream.policy.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollstream.policy.tokenizer.CharTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drives the real generation loop with a decoder whose logits spell out a fixed text greedily. */
class StoppingTest {

    private static final CharTokenizer TOKENIZER = CharTokenizer.standard();
    private static final int CONTEXT = 256;

    /** Each row's logits put a large value on the next token of its script. */
    private static StepDecoder.Factory scripted(List<int[]> scripts) {
        int vocab = TOKENIZER.vocabSize();
        return (prompts, steps) -> new StepDecoder() {
            private int step;

            @Override
            public float[] start() {
                return logits();
            }

            @Override
            public float[] next(int[] tokens) {
                step++;
                return logits();
            }

            private float[] logits() {
                float[] logits = new float[scripts.size() * vocab];
                for (int row = 0; row < scripts.size(); row++) {
                    int[] script = scripts.get(row);
                    logits[row * vocab + script[Math.min(step, script.length - 1)]] = 50f;
                }
                return logits;
            }

            @Override
            public void close() {}
        };
    }

    private static List<Generation> run(List<int[]> prompts, List<int[]> scripts, boolean stopEarly, int max) {
        Generator generator = new Generator(
                TOKENIZER, TOKENIZER.vocabSize(), CONTEXT, scripted(scripts), stopEarly, null);
        return generator.generate(prompts, SamplingParams.greedy(max));
    }

    private static int[] prompt(String prefix) {
        return TOKENIZER.encodePrompt(List.of(), prefix);
    }

    @Test
    void shouldStopRightAfterTheBraceThatClosesANestedBox() {
        String text = "so x = \\boxed{\\frac{1}{2}} and more";
        Generation out = run(List.of(prompt(null)), List.of(TOKENIZER.encodeText(text)), true, 100).get(0);
        assertEquals(FinishReason.BOXED, out.finishReason());
        assertEquals("so x = \\boxed{\\frac{1}{2}}", TOKENIZER.decodeContent(out.tokenIds()));
    }

    @Test
    void shouldCloseABoxOpenedInTheResponsePrefix() {
        Generation out = run(List.of(prompt("thus \\boxed{4")), List.of(TOKENIZER.encodeText("2} done")), true, 50)
                .get(0);
        assertEquals(FinishReason.BOXED, out.finishReason());
        assertEquals("2}", TOKENIZER.decodeContent(out.tokenIds()));
    }

    @Test
    void shouldStopAtEndOfTurnAndKeepTheToken() {
        int[] script = {TOKENIZER.encodeText("a")[0], TOKENIZER.encodeText("b")[0], CharTokenizer.END_OF_TURN, 9};
        Generation out = run(List.of(prompt(null)), List.of(script), true, 50).get(0);
        assertEquals(FinishReason.END_OF_TURN, out.finishReason());
        assertEquals(3, out.length());
        assertEquals(CharTokenizer.END_OF_TURN, out.tokenIds()[2]);
    }

    @Test
    void shouldStopEachRowIndependentlyAndLetTheRestRunToTheLimit() {
        int[] boxed = TOKENIZER.encodeText("\\boxed{7}xxxxxxxx");
        int[] plain = TOKENIZER.encodeText("no answer here at all");
        List<Generation> out = run(List.of(prompt(null), prompt(null)), List.of(boxed, plain), true, 12);
        assertEquals(FinishReason.BOXED, out.get(0).finishReason());
        assertEquals(9, out.get(0).length());
        assertEquals(FinishReason.MAX_TOKENS, out.get(1).finishReason());
        assertEquals(12, out.get(1).length());
    }

    @Test
    void shouldIgnoreStopsWhenAskedToRunToTheLimit() {
        int[] script = TOKENIZER.encodeText("\\boxed{1} then more text");
        Generation out = run(List.of(prompt(null)), List.of(script), false, 20).get(0);
        assertEquals(FinishReason.MAX_TOKENS, out.finishReason());
        assertEquals(20, out.length());
    }
}
