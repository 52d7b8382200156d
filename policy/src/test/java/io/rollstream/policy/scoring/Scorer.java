package io.rollstream.policy.scoring;

import ai.djl.ndarray.NDManager;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.model.TokenBatch;
import io.rollstream.policy.model.TrainForward;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores (prompt, response) pairs without gradients, in micro-batches, through the learner's own forward
 * pass ({@link PolicyModel#forward}), so its log-probs are the ones training will see; they match the
 * sampler's within float rounding.
 */
public final class Scorer {

    private final PolicyModel model;
    private final int microBatch;

    /** Scores {@code microBatch} pairs per forward pass. */
    public Scorer(PolicyModel model, int microBatch) {
        if (microBatch <= 0) {
            throw new IllegalArgumentException("microBatch must be positive, got " + microBatch);
        }
        this.model = model;
        this.microBatch = microBatch;
    }

    /** Scores with micro-batches of 16. */
    public Scorer(PolicyModel model) {
        this(model, 16);
    }

    /** Log-probs, entropies and values of every response token; see {@link TokenScores}. */
    public TokenScores score(List<int[]> prompts, List<int[]> responses, float temperature) {
        if (prompts.size() != responses.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + responses.size() + " responses");
        }
        int rows = prompts.size();
        float[][] logProbs = new float[rows][];
        float[][] entropies = new float[rows][];
        float[][] values = new float[rows][];
        for (int from = 0; from < rows; from += microBatch) {
            int to = Math.min(rows, from + microBatch);
            TokenBatch batch = TokenBatch.of(
                    new ArrayList<>(prompts.subList(from, to)), new ArrayList<>(responses.subList(from, to)));
            int width = batch.responseWidth();
            try (NDManager manager = model.newManager()) {
                TrainForward forward = model.forward(manager, batch, temperature, false);
                float[] lp = forward.logProbs().toFloatArray(); // (b * R)
                float[] en = forward.entropies().toFloatArray(); // (b * R)
                float[] va = forward.values().toFloatArray(); // (b * R)
                for (int row = from; row < to; row++) {
                    int offset = (row - from) * width;
                    int length = responses.get(row).length;
                    logProbs[row] = Arrays.copyOfRange(lp, offset, offset + length);
                    entropies[row] = Arrays.copyOfRange(en, offset, offset + length);
                    values[row] = Arrays.copyOfRange(va, offset, offset + length);
                }
            }
        }
        return new TokenScores(logProbs, entropies, values);
    }
}
