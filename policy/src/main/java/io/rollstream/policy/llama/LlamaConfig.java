package io.rollstream.policy.llama;

import java.util.Objects;

/**
 * Shape and constants of a Llama- or Qwen2-family checkpoint, taken from its own metadata (config.json or GGUF
 * keys): vocabulary, hidden width, depth, query and key-value heads, head width, MLP width, rotary base θ,
 * RMSNorm epsilon, context length and whether the output projection reuses the token embedding.
 */
public record LlamaConfig(
        ModelFamily family,
        int vocabSize,
        int hiddenSize,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        int intermediateSize,
        double ropeTheta,
        double rmsNormEps,
        int maxContext,
        boolean tieEmbeddings) {

    public LlamaConfig {
        Objects.requireNonNull(family, "family");
        positive("vocabSize", vocabSize);
        positive("hiddenSize", hiddenSize);
        positive("layers", layers);
        positive("heads", heads);
        positive("kvHeads", kvHeads);
        positive("headDim", headDim);
        positive("intermediateSize", intermediateSize);
        positive("maxContext", maxContext);
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(
                    "heads " + heads + " is not a multiple of key-value heads " + kvHeads);
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("rotary embeddings need an even head width, got " + headDim);
        }
        if (!(ropeTheta > 0) || !(rmsNormEps > 0)) {
            throw new IllegalArgumentException("ropeTheta and rmsNormEps must be positive");
        }
    }

    /** Query heads that share one key-value head. */
    public int groupSize() {
        return heads / kvHeads;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
