package io.rollstream.policy.llama;

import java.util.Locale;

/**
 * The decoder families this module runs. Both are pre-norm RMSNorm transformers with rotary embeddings in
 * Hugging Face's rotate-half layout, grouped-query attention and a SwiGLU MLP; Qwen2 adds biases to the
 * query, key and value projections.
 */
public enum ModelFamily {
    LLAMA("llama", "LlamaForCausalLM", false),
    QWEN2("qwen2", "Qwen2ForCausalLM", true);

    private final String modelType;
    private final String architecture;
    private final boolean qkvBias;

    ModelFamily(String modelType, String architecture, boolean qkvBias) {
        this.modelType = modelType;
        this.architecture = architecture;
        this.qkvBias = qkvBias;
    }

    /** The family named by a config.json {@code model_type} or a GGUF {@code general.architecture}, or null. */
    public static ModelFamily byModelType(String name) {
        for (ModelFamily family : values()) {
            if (family.modelType.equals(name.toLowerCase(Locale.ROOT))) {
                return family;
            }
        }
        return null;
    }

    /** The name config.json and GGUF use for the family. */
    public String modelType() {
        return modelType;
    }

    /** The transformers class name written to config.json's {@code architectures}. */
    public String architecture() {
        return architecture;
    }

    /** Whether q, k and v projections carry biases. */
    public boolean qkvBias() {
        return qkvBias;
    }
}
