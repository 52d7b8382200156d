package io.rollstream.learner.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.List;

/** Scales all gradients together so their global L2 norm is at most {@code maxNorm} (as torch's clip_grad_norm_). */
public final class GradientClipper {

    private GradientClipper() {
    }

    /** Clips in place and returns the norm before clipping. */
    public static double clip(List<Parameter> parameters, float maxNorm) {
        try (NDScope scope = new NDScope()) {
            double squares = 0;
            for (Parameter p : parameters) {
                NDArray grad = p.getArray().getGradient(); // the weight's shape
                squares += grad.square().sum().getFloat();
            }
            double norm = Math.sqrt(squares);
            if (norm > maxNorm) {
                float scale = (float) (maxNorm / (norm + 1e-6));
                for (Parameter p : parameters) {
                    p.getArray().getGradient().muli(scale);
                }
            }
            return norm;
        }
    }
}
