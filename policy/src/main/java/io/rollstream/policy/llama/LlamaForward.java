package io.rollstream.policy.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.rollstream.policy.model.AttentionBias;
import io.rollstream.policy.model.LeftPadding;
import io.rollstream.policy.model.TokenBatch;
import io.rollstream.policy.model.TrainForward;
import io.rollstream.policy.model.Scalars;

/**
 * The full-sequence pass over (prompt, response) pairs in the built-in model's layout (prompts left-padded to
 * W, responses right-padded to R, response token j predicted by the logits at column W - 1 + j), returning
 * tempered log-probs, entropies and critic values of the response tokens.
 */
final class LlamaForward {

    private LlamaForward() {}

    static TrainForward run(LlamaLm block, NDManager manager, TokenBatch batch, float temperature, boolean training) {
        if (temperature < 0 || Float.isNaN(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        int maxContext = block.config().maxContext();
        int rows = batch.size();
        int width = LeftPadding.width(batch.prompts());
        int responseWidth = batch.responseWidth();
        int columns = width + responseWidth - 1;
        int[] pads = LeftPadding.pads(batch.prompts(), width);
        long[] tokens = new long[rows * columns];
        long[] positions = new long[rows * columns];
        long[] targets = new long[rows * responseWidth];
        float[] mask = new float[rows * responseWidth];
        for (int row = 0; row < rows; row++) {
            int[] prompt = batch.prompts().get(row);
            int[] response = batch.responses().get(row);
            if (prompt.length + response.length > maxContext) {
                throw new IllegalArgumentException("pair " + row + " has " + (prompt.length + response.length)
                        + " tokens, more than the context of " + maxContext);
            }
            for (int column = 0; column < columns; column++) {
                int offset = column - pads[row];
                long id = CachedDecoding.FILLER;
                if (offset >= 0 && offset < prompt.length) {
                    id = prompt[offset];
                } else if (offset >= prompt.length && offset - prompt.length < response.length) {
                    id = response[offset - prompt.length];
                }
                tokens[row * columns + column] = id;
                positions[row * columns + column] = LeftPadding.position(column, pads[row], maxContext);
            }
            float[] trainMask = batch.trainMasks() == null ? null : batch.trainMasks().get(row);
            for (int j = 0; j < response.length; j++) {
                targets[row * responseWidth + j] = response[j];
                mask[row * responseWidth + j] = trainMask == null ? 1f : trainMask[j];
            }
        }
        ParameterStore store = new ParameterStore(manager, false);
        NDArray ids = manager.create(tokens, new Shape(rows, columns)); // (B, T)
        NDArray keyValid = manager.create(LeftPadding.keyValid(pads, columns), new Shape(rows, columns)); // (B, T)
        NDArray bias = AttentionBias.forQueries(AttentionBias.fromKeyValid(keyValid), columns, 0); // (B, 1, T, T)
        NDArray hidden = block.hidden(store, ids, positions, bias, null, 0, training); // (B, T, D)
        NDArray responseHidden = hidden.get(new NDIndex(":, {}:", width - 1)); // (B, R, D)
        NDArray logits = block.logits(store, responseHidden, training); // (B, R, V)
        NDArray scaled = temperature > 0 ? Scalars.div(logits, temperature) : logits; // (B, R, V)
        NDArray logSoftmax = scaled.logSoftmax(2); // (B, R, V)
        NDArray targetIds = manager.create(targets, new Shape(rows, responseWidth, 1)); // (B, R, 1)
        NDArray logProbs = logSoftmax.gather(targetIds, 2).squeeze(2); // (B, R)
        NDArray entropies = logSoftmax.exp().mul(logSoftmax).sum(new int[] {2}).neg(); // (B, R)
        NDArray values = block.values(store, responseHidden, training); // (B, R)
        NDArray responseMask = manager.create(mask, new Shape(rows, responseWidth)); // (B, R)
        if (!training) {
            return new TrainForward(
                    logProbs.stopGradient(), entropies.stopGradient(), values.stopGradient(), responseMask);
        }
        return new TrainForward(logProbs, entropies, values, responseMask);
    }
}
