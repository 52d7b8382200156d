package io.rollstream.policy.llama;

import io.rollstream.policy.sampling.FinishReason;
import io.rollstream.policy.sampling.Generation;
import io.rollstream.policy.sampling.SampledToken;
import io.rollstream.policy.sampling.SamplingParams;
import io.rollstream.policy.sampling.TokenSampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Batched sampling from a {@link LlamaModel} with a KV cache: each row stops at one of the checkpoint's stop
 * tokens (kept in its tokens, finish reason END_OF_TURN) or at its token limit. Log-probs are those of the
 * tempered distribution before top-p truncation, as the built-in generator records them; row i of a call always
 * draws from the same random stream, whatever the batch around it.
 */
public final class LlamaGenerator {

    private final LlamaModel model;
    private final Set<Integer> stopTokenIds;

    /** Generates from {@code model}, stopping at {@code stopTokenIds} (e.g. the checkpoint's). */
    public LlamaGenerator(LlamaModel model, Set<Integer> stopTokenIds) {
        this.model = model;
        this.stopTokenIds = Set.copyOf(stopTokenIds);
    }

    /**
     * One generation per prompt, in order. Each prompt must hold at least one token; one that fills the context
     * gets {@link FinishReason#PROMPT_TOO_LONG} and no tokens, without affecting the other rows.
     */
    public List<Generation> generate(List<int[]> prompts, SamplingParams params) {
        int maxContext = model.config().maxContext();
        Generation[] results = new Generation[prompts.size()];
        List<int[]> runnable = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < prompts.size(); row++) {
            int[] prompt = prompts.get(row);
            if (prompt.length == 0) {
                throw new IllegalArgumentException("prompt " + row + " is empty");
            }
            if (prompt.length >= maxContext) {
                results[row] = new Generation(new int[0], new float[0], FinishReason.PROMPT_TOO_LONG, prompt.length);
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

    private List<Generation> decode(List<int[]> prompts, List<Integer> rowIds, SamplingParams params) {
        int maxContext = model.config().maxContext();
        int vocab = model.config().vocabSize();
        int shortest = Integer.MAX_VALUE;
        for (int[] prompt : prompts) {
            shortest = Math.min(shortest, prompt.length);
        }
        int steps = Math.min(params.maxNewTokens(), maxContext - shortest);
        int rows = prompts.size();
        int[][] tokens = new int[rows][steps];
        float[][] logProbs = new float[rows][steps];
        int[] sizes = new int[rows];
        FinishReason[] finish = new FinishReason[rows];
        SplittableRandom[] random = new SplittableRandom[rows];
        int[] limits = new int[rows];
        for (int row = 0; row < rows; row++) {
            random[row] = new SplittableRandom(params.seed() ^ (0x9E3779B97F4A7C15L * (rowIds.get(row) + 1L)));
            limits[row] = Math.min(params.maxNewTokens(), maxContext - prompts.get(row).length);
        }
        try (CachedDecoding decoding = new CachedDecoding(model.block(), model.manager(), prompts, steps)) {
            float[] logits = decoding.start(); // (B * V)
            while (true) {
                int[] fed = new int[rows];
                boolean running = false;
                for (int row = 0; row < rows; row++) {
                    if (finish[row] != null) {
                        continue;
                    }
                    SampledToken token = TokenSampler.sample(
                            logits, row * vocab, vocab, params.temperature(), params.topP(), random[row]);
                    tokens[row][sizes[row]] = token.id();
                    logProbs[row][sizes[row]] = token.logProb();
                    sizes[row]++;
                    fed[row] = token.id();
                    if (stopTokenIds.contains(token.id())) {
                        finish[row] = FinishReason.END_OF_TURN;
                    } else if (sizes[row] >= limits[row]) {
                        finish[row] = FinishReason.MAX_TOKENS;
                    }
                    running |= finish[row] == null;
                }
                if (!running) {
                    break;
                }
                logits = decoding.next(fed);
            }
        }
        List<Generation> out = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            out.add(new Generation(Arrays.copyOf(tokens[row], sizes[row]), Arrays.copyOf(logProbs[row], sizes[row]),
                    finish[row], prompts.get(row).length));
        }
        return out;
    }
}
