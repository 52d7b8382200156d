package io.rollstream.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.rollstream.policy.tokenizer.CharTokenizer;

/**
 * The full-sequence forward pass over (prompt, response) pairs: prompts left-padded to width W, responses
 * right-padded to width R, so response token j of every row sits at column W + j and is predicted by the
 * logits at column W - 1 + j. Only response tokens before the last are fed (T = W + R - 1 columns).
 */
final class PolicyForward {

    private PolicyForward() {}

    static TrainForward run(
            TransformerLm block, NDManager manager, TokenBatch batch, float temperature, boolean training) {
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
                tokens[row * columns + column] = tokenAt(prompt, response, column - pads[row]);
                positions[row * columns + column] = LeftPadding.position(column, pads[row], maxContext);
            }
            float[] trainMask = batch.trainMasks() == null ? null : batch.trainMasks().get(row);
            for (int j = 0; j < response.length; j++) {
                targets[row * responseWidth + j] = response[j];
                mask[row * responseWidth + j] = trainMask == null ? 1f : trainMask[j];
            }
        }
        NDList inputs = new NDList(
                manager.create(tokens, new Shape(rows, columns)), // (B, T)
                manager.create(positions, new Shape(rows, columns)), // (B, T)
                manager.create(LeftPadding.keyValid(pads, columns), new Shape(rows, columns))); // (B, T)
        NDList outputs = block.forward(new ParameterStore(manager, false), inputs, training, null);
        NDIndex responseColumns = new NDIndex(":, {}:", width - 1);
        NDArray logits = outputs.get(0).get(responseColumns); // (B, R, V)
        NDArray scaled = temperature > 0 ? Scalars.div(logits, temperature) : logits; // (B, R, V)
        NDArray logSoftmax = scaled.logSoftmax(2); // (B, R, V)
        NDArray targetIds = manager.create(targets, new Shape(rows, responseWidth, 1)); // (B, R, 1)
        NDArray logProbs = logSoftmax.gather(targetIds, 2).squeeze(2); // (B, R)
        NDArray entropies = logSoftmax.exp().mul(logSoftmax).sum(new int[] {2}).neg(); // (B, R)
        NDArray values = outputs.get(1).get(responseColumns); // (B, R)
        NDArray responseMask = manager.create(mask, new Shape(rows, responseWidth)); // (B, R)
        if (!training) {
            return new TrainForward(
                    logProbs.stopGradient(), entropies.stopGradient(), values.stopGradient(), responseMask);
        }
        return new TrainForward(logProbs, entropies, values, responseMask);
    }

    private static long tokenAt(int[] prompt, int[] response, int offset) {
        if (offset < 0) {
            return CharTokenizer.PAD;
        }
        if (offset < prompt.length) {
            return prompt[offset];
        }
        int j = offset - prompt.length;
        return j < response.length ? response[j] : CharTokenizer.PAD;
    }
}
