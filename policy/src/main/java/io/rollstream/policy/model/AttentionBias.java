package io.rollstream.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Additive attention biases: 0 where a query may see a key, {@link #MASKED} where it may not. A large finite
 * number rather than -infinity keeps fully padded query rows finite (their softmax is uniform instead of NaN),
 * while exp(MASKED) is exactly 0 in float32 so real rows never see a masked key.
 */
public final class AttentionBias {

    /** Bias for a hidden key. */
    public static final float MASKED = -1e9f;

    private AttentionBias() {}

    /** Key bias (B, 1, 1, T) from a key-valid matrix (B, T) of ones and zeros. */
    public static NDArray fromKeyValid(NDArray keyValid) {
        long batch = keyValid.getShape().get(0);
        long length = keyValid.getShape().get(1);
        return keyValid.sub(1f).mul(-MASKED).reshape(batch, 1, 1, length); // (B, 1, 1, T)
    }

    /**
     * Combines a key bias (B, 1, 1, Tk) with the causal mask for S queries at columns [start, start + S):
     * query i sees key j iff j <= start + i. A single query at the last column sees every key, so no causal
     * term is needed then.
     */
    public static NDArray forQueries(NDArray keyBias, int queries, int start) {
        long keysLength = keyBias.getShape().get(3);
        if (queries == 1 && start + 1 == keysLength) {
            return keyBias; // (B, 1, 1, Tk)
        }
        NDManager manager = keyBias.getManager();
        NDArray keyColumns = manager.arange(0, (int) keysLength).reshape(1, keysLength); // (1, Tk)
        NDArray queryColumns = manager.arange(start, start + queries).reshape(queries, 1); // (S, 1)
        NDArray future = keyColumns.gt(queryColumns).toType(DataType.FLOAT32, false); // (S, Tk)
        return keyBias.add(future.mul(MASKED).reshape(1, 1, queries, keysLength)); // (B, 1, S, Tk)
    }
}
