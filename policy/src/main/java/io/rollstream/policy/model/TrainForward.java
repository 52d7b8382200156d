package io.rollstream.policy.model;

import ai.djl.ndarray.NDArray;

/**
 * Result of {@link PolicyModel#forward}: per response token, aligned so column j is response token j. The
 * arrays belong to the manager passed to {@code forward} and are valid until it closes; they must not be kept
 * beyond that step.
 */
public final class TrainForward {

    private final NDArray logProbs;
    private final NDArray entropies;
    private final NDArray values;
    private final NDArray responseMask;

    public TrainForward(NDArray logProbs, NDArray entropies, NDArray values, NDArray responseMask) {
        this.logProbs = logProbs;
        this.entropies = entropies;
        this.values = values;
        this.responseMask = responseMask;
    }

    /** log softmax(logits / temperature) of each response token, log softmax(logits) at temperature 0. (B, R) */
    public NDArray logProbs() {
        return logProbs;
    }

    /** Entropy of the same tempered distribution the log-probs come from. (B, R) */
    public NDArray entropies() {
        return entropies;
    }

    /** Critic value of the state just before each response token. (B, R) */
    public NDArray values() {
        return values;
    }

    /** 1 for a real, trained response token, 0 for padding or an untrained token. (B, R) */
    public NDArray responseMask() {
        return responseMask;
    }
}
