package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * Device-side GAE output. The arrays belong to the manager of the inputs and live only as long as the
 * training step that made them.
 *
 * @param advantages (B, T)
 * @param returns    (B, T)
 */
public record AdvantageTensors(NDArray advantages, NDArray returns) {

    public AdvantageTensors {
        Objects.requireNonNull(advantages, "advantages");
        Objects.requireNonNull(returns, "returns");
        HostArrays.requireSameShape("returns", returns, "advantages", advantages);
    }
}
