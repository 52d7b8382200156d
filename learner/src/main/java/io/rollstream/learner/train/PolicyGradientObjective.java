package io.rollstream.learner.train;

import ai.djl.ndarray.NDArray;
import io.rollstream.learner.algo.ClippedPolicyLoss;
import io.rollstream.learner.algo.ClippedValueLoss;
import io.rollstream.learner.algo.EntropyLoss;
import io.rollstream.learner.algo.KlLoss;
import io.rollstream.learner.algo.KlPenalty;
import io.rollstream.learner.algo.LossAggregation;
import io.rollstream.learner.algo.LossTerm;
import io.rollstream.learner.algo.PolicyLoss;
import io.rollstream.learner.algo.ValueLoss;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.policy.model.Scalars;
import io.rollstream.policy.model.TrainForward;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The scalar one PPO or GRPO minibatch step backpropagates, built from a training forward pass by the learner's
 * loss functions: {@code policyCoefficient * policy + valueCoefficient * value + klCoefficient * kl -
 * entropyCoefficient * entropy}. Any model whose forward pass yields a {@link TrainForward} can be trained on it.
 */
public final class PolicyGradientObjective {

    private PolicyGradientObjective() {
    }

    /**
     * The per-token inputs fixed before the step, all (B, R) like the forward pass's outputs.
     *
     * @param oldLogProbs log-probs of the policy that sampled the tokens
     * @param advantages  per-token advantages
     * @param refLogProbs log-probs of the frozen reference policy, for the KL term
     * @param oldValues   critic values the advantages were computed with
     * @param returns     critic regression targets
     */
    public record Targets(NDArray oldLogProbs, NDArray advantages, NDArray refLogProbs, NDArray oldValues,
                          NDArray returns) {

        public Targets {
            Objects.requireNonNull(oldLogProbs, "oldLogProbs");
            Objects.requireNonNull(advantages, "advantages");
            Objects.requireNonNull(refLogProbs, "refLogProbs");
            Objects.requireNonNull(oldValues, "oldValues");
            Objects.requireNonNull(returns, "returns");
        }
    }

    /**
     * The total to backpropagate and every term computed, for their metrics.
     *
     * @param total the weighted sum, ()
     * @param terms policy, value (when weighted), KL and entropy, in that order
     */
    public record Objective(NDArray total, List<LossTerm> terms) {

        public Objective {
            Objects.requireNonNull(total, "total");
            terms = List.copyOf(terms);
        }
    }

    /**
     * Builds the objective of one step. With {@code criticOnly} (a critic warm-up) only the value term is
     * weighted; without a policy weight (a warm-up, or training on the entropy bonus alone) the policy term still
     * starts the sum, at weight 0, so every step builds the same graph.
     */
    public static Objective compute(LearnerConfig config, TrainForward out, Targets targets, boolean criticOnly) {
        LossAggregation aggregation = config.aggregation();
        NDArray mask = out.responseMask(); // (B, R)
        List<LossTerm> terms = new ArrayList<>();
        PolicyLoss policyLoss = ClippedPolicyLoss.compute(out.logProbs(), targets.oldLogProbs(),
                targets.advantages(), mask, config.clipLow(), config.clipHigh(), aggregation);
        terms.add(policyLoss);
        float policyWeight = criticOnly ? 0 : config.policyCoefficient();
        NDArray total = policyWeight == 1 ? policyLoss.loss()
                : Scalars.mul(policyLoss.loss(), policyWeight); // ()
        if (config.valueCoefficient() > 0) {
            ValueLoss valueLoss = ClippedValueLoss.compute(out.values(), targets.oldValues(), targets.returns(),
                    mask, config.valueClip(), aggregation);
            terms.add(valueLoss);
            total = total.add(Scalars.mul(valueLoss.loss(), config.valueCoefficient())); // ()
        }
        KlLoss kl = KlPenalty.compute(out.logProbs(), targets.refLogProbs(), mask, config.klEstimator(),
                aggregation);
        terms.add(kl);
        if (config.klCoefficient() > 0 && !criticOnly) {
            total = total.add(Scalars.mul(kl.loss(), config.klCoefficient())); // ()
        }
        EntropyLoss entropy = entropyTerm(out.entropies(), mask, aggregation);
        terms.add(entropy);
        if (config.entropyCoefficient() > 0 && !criticOnly) {
            total = total.add(Scalars.mul(entropy.loss(), config.entropyCoefficient())); // ()
        }
        return new Objective(total, terms);
    }

    /** The entropy bonus from the forward pass's per-token entropies (the logits are not kept). */
    private static EntropyLoss entropyTerm(NDArray entropies, NDArray mask, LossAggregation aggregation) {
        NDArray loss = aggregation.aggregate(entropies, mask).neg(); // ()
        float tokenMean = LossAggregation.TOKEN_MEAN.aggregate(entropies.stopGradient(), mask).getFloat();
        return new EntropyLoss(loss, tokenMean);
    }
}
