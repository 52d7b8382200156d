package io.rollstream.policy.model;

import io.rollstream.policy.tokenizer.CharTokenizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The named sizes of the built-in model for the standard character tokenizer: {@code tiny} trains in seconds
 * in tests, {@code small} is the CPU demo, {@code base} wants a GPU.
 */
public enum ModelPreset {
    TINY(64, 2, 4, 256, 256),
    SMALL(128, 4, 4, 512, 512),
    BASE(512, 8, 8, 2048, 1024);

    private final int dModel;
    private final int layers;
    private final int heads;
    private final int dFF;
    private final int maxContext;

    ModelPreset(int dModel, int layers, int heads, int dFF, int maxContext) {
        this.dModel = dModel;
        this.layers = layers;
        this.heads = heads;
        this.dFF = dFF;
        this.maxContext = maxContext;
    }

    /** The model this preset names. */
    public ModelConfig config() {
        return new ModelConfig(CharTokenizer.standard().vocabSize(), dModel, layers, heads, dFF, maxContext,
                ValueHeadKind.SHARED);
    }

    /** The name on the command line and in configs: {@code tiny}, {@code small} or {@code base}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every preset's id, for help texts and error messages. */
    public static String ids() {
        return Arrays.stream(values()).map(ModelPreset::id).collect(Collectors.joining(", "));
    }

    /** Parses an id in any case; unknown names fail listing the presets. */
    public static ModelPreset parse(String name) {
        if (name != null) {
            for (ModelPreset preset : values()) {
                if (preset.id().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return preset;
                }
            }
        }
        throw new IllegalArgumentException("unknown model preset '" + name + "'; expected one of " + ids());
    }
}
