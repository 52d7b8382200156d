package io.rollstream.policy.sampling;

import io.rollstream.policy.tokenizer.CharTokenizer;
import java.util.Arrays;
import java.util.SplittableRandom;

/** What one row of a batched generation has produced so far, and whether and why it has stopped. */
final class RowProgress {

    private final CharTokenizer tokenizer;
    private final int promptTokens;
    private final int limit;
    private final boolean stopEarly;
    private final int stepEndOrMinusOne;
    private final SplittableRandom random;
    private final BoxWatcher box = new BoxWatcher();
    private int[] tokens = new int[16];
    private float[] logProbs = new float[16];
    private int size;
    private FinishReason finish;

    RowProgress(CharTokenizer tokenizer, int[] prompt, int limit, boolean stopEarly, SplittableRandom random) {
        this(tokenizer, prompt, limit, stopEarly, -1, random);
    }

    /** @param stepEndOrMinusOne a token after which the row stops with {@link FinishReason#STEP_END}, or -1 */
    RowProgress(CharTokenizer tokenizer, int[] prompt, int limit, boolean stopEarly, int stepEndOrMinusOne,
                SplittableRandom random) {
        this.tokenizer = tokenizer;
        this.stepEndOrMinusOne = stepEndOrMinusOne;
        this.promptTokens = prompt.length;
        this.limit = limit;
        this.stopEarly = stopEarly;
        this.random = random;
        // A response prefix may already have opened a box; follow the current assistant turn from its marker.
        int turnStart = 0;
        for (int i = 0; i < prompt.length; i++) {
            if (prompt[i] == CharTokenizer.ASSISTANT) {
                turnStart = i + 1;
            }
        }
        for (int i = turnStart; i < prompt.length; i++) {
            box.accept(tokenizer.codePointOf(prompt[i]));
        }
    }

    SplittableRandom random() {
        return random;
    }

    boolean finished() {
        return finish != null;
    }

    void accept(SampledToken token) {
        if (size == tokens.length) {
            tokens = Arrays.copyOf(tokens, size * 2);
            logProbs = Arrays.copyOf(logProbs, size * 2);
        }
        tokens[size] = token.id();
        logProbs[size] = token.logProb();
        size++;
        boolean closedBox = box.accept(tokenizer.codePointOf(token.id()));
        if (stopEarly && token.id() == CharTokenizer.END_OF_TURN) {
            finish = FinishReason.END_OF_TURN;
        } else if (stopEarly && closedBox) {
            finish = FinishReason.BOXED;
        } else if (size >= limit) {
            finish = FinishReason.MAX_TOKENS;
        } else if (token.id() == stepEndOrMinusOne) {
            finish = FinishReason.STEP_END;
        }
    }

    Generation toGeneration() {
        if (finish == null) {
            throw new IllegalStateException("row has not finished");
        }
        return new Generation(
                Arrays.copyOf(tokens, size), Arrays.copyOf(logProbs, size), finish, promptTokens);
    }
}
