package io.rollstream.policy.sampling;

import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.tokenizer.CharTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batched sampling from a {@link PolicyModel}: prompts are left-padded together and decoded step by step
 * (with a KV cache unless {@link #withoutKvCache()}), each row stopping at end of turn, right after a closed
 * {@code \boxed{...}}, or at its token limit. A prompt that fills the model's context gets
 * {@link FinishReason#PROMPT_TOO_LONG} and no tokens; the other rows are unaffected. A generator keeps no
 * state between calls; every call opens and closes its own cache and managers.
 */
public final class Generator {

    private final CharTokenizer tokenizer;
    private final int vocabSize;
    private final int maxContext;
    private final StepDecoder.Factory decoders;
    private final boolean stopEarly;
    private final int stepEndOrMinusOne;
    private final PolicyModel modelOrNull;

    /** Generates with a KV cache, stopping early as described above. */
    public Generator(PolicyModel model, CharTokenizer tokenizer) {
        this(model, tokenizer, (prompts, steps) -> new CachedDecoder(model, prompts, steps), true);
    }

    private Generator(PolicyModel model, CharTokenizer tokenizer, StepDecoder.Factory decoders, boolean stopEarly) {
        this(tokenizer, model.config().vocabSize(), model.config().maxContext(), decoders, stopEarly, model);
        if (model.config().vocabSize() != tokenizer.vocabSize()) {
            throw new IllegalArgumentException("model vocabulary " + model.config().vocabSize()
                    + " does not match the tokenizer's " + tokenizer.vocabSize());
        }
    }

    Generator(CharTokenizer tokenizer, int vocabSize, int maxContext, StepDecoder.Factory decoders,
            boolean stopEarly, PolicyModel modelOrNull) {
        this(tokenizer, vocabSize, maxContext, decoders, stopEarly, -1, modelOrNull);
    }

    private Generator(CharTokenizer tokenizer, int vocabSize, int maxContext, StepDecoder.Factory decoders,
            boolean stopEarly, int stepEndOrMinusOne, PolicyModel modelOrNull) {
        this.stepEndOrMinusOne = stepEndOrMinusOne;
        this.tokenizer = tokenizer;
        this.vocabSize = vocabSize;
        this.maxContext = maxContext;
        this.decoders = decoders;
        this.stopEarly = stopEarly;
        this.modelOrNull = modelOrNull;
    }

    /** The same generator recomputing the full sequence at every step (the benchmark's baseline). */
    public Generator withoutKvCache() {
        if (modelOrNull == null) {
            throw new IllegalStateException("no model to recompute with");
        }
        PolicyModel model = modelOrNull;
        return new Generator(tokenizer, vocabSize, maxContext,
                (prompts, steps) -> new RecomputeDecoder(model, prompts, steps), stopEarly, stepEndOrMinusOne, model);
    }

    /**
     * The same generator also stopping right after a newline ({@link FinishReason#STEP_END}): one reasoning step
     * per call, as the value-guided search expands them.
     */
    public Generator oneStepAtATime() {
        int newline = tokenizer.encodeText("\n")[0];
        return new Generator(tokenizer, vocabSize, maxContext, decoders, stopEarly, newline, modelOrNull);
    }

    /** The same generator never stopping before the token limit (for counting throughput fairly). */
    public Generator ignoringStops() {
        return new Generator(tokenizer, vocabSize, maxContext, decoders, false, stepEndOrMinusOne, modelOrNull);
    }

    /** One generation per prompt, in order. Each prompt must hold at least one token. */
    public List<Generation> generate(List<int[]> prompts, SamplingParams params) {
        Generation[] results = new Generation[prompts.size()];
        List<int[]> runnable = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < prompts.size(); row++) {
            int[] prompt = prompts.get(row);
            if (prompt.length == 0) {
                throw new IllegalArgumentException("prompt " + row + " is empty");
            }
            if (prompt.length >= maxContext) {
                results[row] = new Generation(
                        new int[0], new float[0], FinishReason.PROMPT_TOO_LONG, prompt.length);
            } else {
                runnable.add(prompt);
                rows.add(row);
            }
        }
        if (!runnable.isEmpty()) {
            List<Generation> decoded = decode(runnable, rows, params);
            for (int i = 0; i < rows.size(); i++) {
                results[rows.get(i)] = decoded.get(i);
            }
        }
        return Arrays.asList(results);
    }

    private List<Generation> decode(List<int[]> prompts, List<Integer> rows, SamplingParams params) {
        int shortest = prompts.stream().mapToInt(p -> p.length).min().orElseThrow();
        int steps = Math.min(params.maxNewTokens(), maxContext - shortest);
        RowProgress[] progress = new RowProgress[prompts.size()];
        for (int i = 0; i < progress.length; i++) {
            int limit = Math.min(params.maxNewTokens(), maxContext - prompts.get(i).length);
            progress[i] = new RowProgress(tokenizer, prompts.get(i), limit, stopEarly, stepEndOrMinusOne,
                    rowRandom(params.seed(), rows.get(i)));
        }
        try (StepDecoder decoder = decoders.open(prompts, steps)) {
            float[] logits = decoder.start(); // (B * V)
            while (true) {
                int[] fed = new int[progress.length];
                Arrays.fill(fed, CharTokenizer.PAD);
                boolean running = false;
                for (int i = 0; i < progress.length; i++) {
                    RowProgress row = progress[i];
                    if (row.finished()) {
                        continue; // padding as filler: only this row's own, discarded, later queries see it
                    }
                    SampledToken token = TokenSampler.sample(
                            logits, i * vocabSize, vocabSize, params.temperature(), params.topP(), row.random());
                    row.accept(token);
                    fed[i] = token.id();
                    running |= !row.finished();
                }
                if (!running) {
                    break;
                }
                logits = decoder.next(fed);
            }
        }
        List<Generation> generations = new ArrayList<>(progress.length);
        for (RowProgress row : progress) {
            generations.add(row.toGeneration());
        }
        return generations;
    }

    /** Row i's random stream depends only on the seed and i, not on the batch around it. */
    private static SplittableRandom rowRandom(long seed, int row) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (row + 1L)));
    }
}
