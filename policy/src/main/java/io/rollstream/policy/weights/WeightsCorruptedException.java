package io.rollstream.policy.weights;

import java.io.IOException;

/** A stored file whose bytes no longer hash to its address. */
public final class WeightsCorruptedException extends IOException {

    public WeightsCorruptedException(String message) {
        super(message);
    }
}
