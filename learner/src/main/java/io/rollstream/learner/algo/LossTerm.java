package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * One term of the training objective: a differentiable scalar to minimise (unweighted; the learner applies
 * its coefficient) and host-side metrics under namespaced names. A term lives only within the training step
 * whose manager owns its {@link #loss()}; only {@link #metrics()} may be kept.
 */
public sealed interface LossTerm permits PolicyLoss, ValueLoss, KlLoss, EntropyLoss, OreoLoss {

    /** The scalar to minimise, shape (). */
    NDArray loss();

    /** Host-side metrics, namespaced like {@code policy/clip-fraction}, in a stable order. */
    Map<String, Float> metrics();
}
