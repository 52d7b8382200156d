package io.rollstream.actor.policy;

import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.sampling.Generator;
import io.rollstream.policy.tokenizer.CharTokenizer;
import java.time.Instant;
import java.util.Objects;

/**
 * A policy version whose weights are verified and fully loaded, ready to generate. Only complete loads are
 * ever wrapped in one, so a half-loaded model cannot reach the generation loop. Its owner closes it.
 */
public final class LoadedPolicy implements AutoCloseable {

    private final String policyName;
    private final long version;
    private final PolicyModel model;
    private final Generator generator;
    private final Instant loadedAt;
    private final boolean trainedCritic;

    /** A version whose value head was never trained (a warm start, say). */
    public LoadedPolicy(String policyName, long version, PolicyModel model, CharTokenizer tokenizer,
            Instant loadedAt) {
        this(policyName, version, model, tokenizer, loadedAt, false);
    }

    /**
     * Wraps {@code model}, which must use {@code tokenizer}'s vocabulary; takes ownership of the model.
     *
     * @param trainedCritic whether the algorithm that made this version trained its value head (PPO, OREO), so
     *                      that value-guided search can rank by it
     */
    public LoadedPolicy(String policyName, long version, PolicyModel model, CharTokenizer tokenizer,
            Instant loadedAt, boolean trainedCritic) {
        this.trainedCritic = trainedCritic;
        this.policyName = Objects.requireNonNull(policyName, "policyName");
        this.model = Objects.requireNonNull(model, "model");
        this.loadedAt = Objects.requireNonNull(loadedAt, "loadedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version);
        }
        this.version = version;
        this.generator = new Generator(model, tokenizer);
    }

    public String policyName() {
        return policyName;
    }

    public long version() {
        return version;
    }

    public PolicyModel model() {
        return model;
    }

    /** The sampler over this model; stateless between calls. */
    public Generator generator() {
        return generator;
    }

    /** Whether the value head was trained, so value-guided search may use it. */
    public boolean trainedCritic() {
        return trainedCritic;
    }

    /** Whether a version made by {@code algorithm} (its PolicyVersion's name) has a trained value head. */
    public static boolean trainsCritic(String algorithm) {
        return "PPO".equals(algorithm) || "OREO".equals(algorithm);
    }

    /** When loading (and verification) finished. */
    public Instant loadedAt() {
        return loadedAt;
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return policyName + " v" + version;
    }
}
