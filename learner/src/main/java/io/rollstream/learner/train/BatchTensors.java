package io.rollstream.learner.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rollstream.policy.model.TokenBatch;
import java.util.ArrayList;
import java.util.List;

/** Packs per-sequence host rows into right-padded (B, R) arrays matching {@link TokenBatch}'s response columns. */
final class BatchTensors {

    private BatchTensors() {
    }

    static TokenBatch tokens(List<TrainingSequence> sequences, int[] rows) {
        List<int[]> prompts = new ArrayList<>();
        List<int[]> responses = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        for (int row : rows) {
            TrainingSequence s = sequences.get(row);
            prompts.add(s.prompt());
            responses.add(s.response());
            masks.add(s.trainMask());
        }
        return new TokenBatch(prompts, responses, masks);
    }

    /** Rows of {@code perSequence} chosen by {@code rows}, zero-padded to {@code width}; (B, R). */
    static NDArray padded(NDManager manager, List<float[]> perSequence, int[] rows, int width) {
        float[] flat = new float[rows.length * width];
        for (int b = 0; b < rows.length; b++) {
            float[] values = perSequence.get(rows[b]);
            System.arraycopy(values, 0, flat, b * width, Math.min(width, values.length));
        }
        return manager.create(flat, new Shape(rows.length, width)); // (B, R)
    }

    /** The same padding as a host matrix, for the host-side estimators; (B, R). */
    static float[][] matrix(List<float[]> perSequence, int width) {
        float[][] out = new float[perSequence.size()][width];
        for (int b = 0; b < out.length; b++) {
            float[] values = perSequence.get(b);
            System.arraycopy(values, 0, out[b], 0, values.length);
        }
        return out;
    }

    /** Row b of a (B, R) host copy cut back to {@code length} columns. */
    static float[] row(float[] flat, int b, int width, int length) {
        float[] out = new float[length];
        System.arraycopy(flat, b * width, out, 0, length);
        return out;
    }
}
