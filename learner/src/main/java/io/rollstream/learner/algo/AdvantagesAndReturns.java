package io.rollstream.learner.algo;

import java.util.Objects;

/**
 * Host-side GAE output: advantages and the critic's regression targets, both 0 at untrained positions.
 *
 * @param advantages (B, T)
 * @param returns    advantages + values at trained positions, (B, T)
 */
public record AdvantagesAndReturns(float[][] advantages, float[][] returns) {

    public AdvantagesAndReturns {
        Objects.requireNonNull(advantages, "advantages");
        Objects.requireNonNull(returns, "returns");
        HostArrays.requireShape("returns", returns, advantages.length,
                advantages.length == 0 ? 0 : advantages[0].length);
    }
}
