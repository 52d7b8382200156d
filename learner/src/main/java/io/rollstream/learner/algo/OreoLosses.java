package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import io.rollstream.policy.model.Scalars;
import io.rollstream.schemas.avro.Outcome;
import java.util.Objects;

/**
 * OREO's losses (Wang et al. 2024, "Offline Reinforcement Learning for LLM Multi-Step Reasoning"), from the soft
 * Bellman equation of KL-regularised RL with a terminal reward R: at every trained token t,
 * <pre>
 *   residual_t = beta * sum_{i >= t} log(pi(a_i) / pi_ref(a_i)) + V(s_t) - R
 * </pre>
 * is zero for the optimal policy and its value function. The <b>value loss</b> regresses V on it with the policy's
 * terms held fixed; the <b>policy loss</b> regresses the policy on it with V held fixed and only the current
 * token's log-ratio carrying gradient (the later tokens' ratios are fixed too), so each token is credited with
 * its own step of the equation. Both square the residual and aggregate it over trained tokens (OREO: mean per
 * sequence, then over sequences). Masked tokens (prompts, feedback turns, padding) neither add to the sums nor
 * are regressed. A multi-attempt trajectory is one sequence whose attempts are its trained tokens and whose R
 * is 1 when the episode was solved, 0 otherwise.
 */
public final class OreoLosses {

    /** OREO's default KL weight in the Bellman residual. */
    public static final float DEFAULT_BETA = 0.03f;

    private OreoLosses() {
    }

    /** OREO's R of an episode: 1 when some attempt solved it, 0 otherwise. */
    public static float reward(Outcome outcome) {
        return outcome == Outcome.SOLVED ? 1f : 0f;
    }

    /**
     * @param values       critic, differentiable, (B, T)
     * @param logProbs     policy log-probabilities of the taken tokens, (B, T); held fixed
     * @param refLogProbs  reference log-probabilities, (B, T)
     * @param rewards      the episode's terminal reward, (B)
     * @param responseMask 0/1, (B, T)
     * @param beta         > 0
     */
    public static OreoLoss value(NDArray values, NDArray logProbs, NDArray refLogProbs, NDArray rewards,
                                 NDArray responseMask, float beta, LossAggregation aggregation) {
        check(values, logProbs, refLogProbs, rewards, responseMask, beta, aggregation);
        NDArray mask = HostArrays.floatMask(responseMask); // (B, T)
        NDArray logRatio = logProbs.stopGradient().sub(refLogProbs.stopGradient()).mul(mask); // (B, T)
        NDArray toGo = suffixSum(logRatio); // (B, T)
        NDArray residual = Scalars.mul(toGo, beta).add(values).sub(target(rewards)); // (B, T)
        return result(residual, mask, aggregation, true);
    }

    /**
     * @param logProbs     policy log-probabilities of the taken tokens, differentiable, (B, T)
     * @param refLogProbs  reference log-probabilities, (B, T)
     * @param values       critic, (B, T); held fixed
     * @param rewards      the episode's terminal reward, (B)
     * @param responseMask 0/1, (B, T)
     * @param beta         > 0
     */
    public static OreoLoss policy(NDArray logProbs, NDArray refLogProbs, NDArray values, NDArray rewards,
                                  NDArray responseMask, float beta, LossAggregation aggregation) {
        check(values, logProbs, refLogProbs, rewards, responseMask, beta, aggregation);
        NDArray mask = HostArrays.floatMask(responseMask); // (B, T)
        NDArray logRatio = logProbs.sub(refLogProbs.stopGradient()).mul(mask); // (B, T), differentiable
        NDArray fixed = logRatio.stopGradient(); // (B, T)
        NDArray later = suffixSum(fixed).sub(fixed); // (B, T): sum over i > t
        NDArray residual = Scalars.mul(logRatio.add(later), beta).add(values.stopGradient())
                .sub(target(rewards)); // (B, T)
        return result(residual, mask, aggregation, false);
    }

    /** {@code out[b][t] = sum_{i >= t} x[b][i]}. */
    static NDArray suffixSum(NDArray x) {
        return x.flip(1).cumSum(1).flip(1); // (B, T)
    }

    private static NDArray target(NDArray rewards) {
        return rewards.stopGradient().reshape(rewards.getShape().get(0), 1); // (B, 1)
    }

    private static OreoLoss result(NDArray residual, NDArray mask, LossAggregation aggregation, boolean critic) {
        NDArray loss = aggregation.aggregate(residual.square(), mask); // ()
        float meanResidual = LossAggregation.tokenMeanMetric(residual.stopGradient(), mask);
        return new OreoLoss(loss, loss.getFloat(), meanResidual, critic);
    }

    private static void check(NDArray values, NDArray logProbs, NDArray refLogProbs, NDArray rewards,
                              NDArray responseMask, float beta, LossAggregation aggregation) {
        Objects.requireNonNull(aggregation, "aggregation");
        if (!(beta > 0f) || Float.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and > 0, got " + beta);
        }
        HostArrays.requireSameShape("refLogProbs", refLogProbs, "logProbs", logProbs);
        HostArrays.requireSameShape("values", values, "logProbs", logProbs);
        HostArrays.requireSameShape("responseMask", responseMask, "logProbs", logProbs);
        if (rewards.getShape().dimension() != 1 || rewards.getShape().get(0) != logProbs.getShape().get(0)) {
            throw new IllegalArgumentException("rewards must have shape (" + logProbs.getShape().get(0)
                    + "), got " + rewards.getShape());
        }
    }
}
