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

    /** Wraps {@code model}, which must use {@code tokenizer}'s vocabulary; takes ownership of the model. */
    public LoadedPolicy(String policyName, long version, PolicyModel model, CharTokenizer tokenizer,
            Instant loadedAt) {
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
