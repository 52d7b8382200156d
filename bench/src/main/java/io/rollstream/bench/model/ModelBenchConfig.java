package io.rollstream.bench.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code bench model} measures: the checkpoint (a GGUF file, also given to llama.cpp, or a Hugging Face
 * folder, then without llama.cpp), the batch sizes of our decoder, the tokens generated per row (no early
 * stop), the threads llama.cpp may use and whether to run it at all, and the PPO update to time in DJL (null
 * to skip it).
 */
public record ModelBenchConfig(Path checkpoint, List<Integer> batchSizes, int newTokens, int threads,
        boolean withLlamaCpp, PpoBenchConfig ppoOrNull) {

    public ModelBenchConfig {
        Objects.requireNonNull(checkpoint, "checkpoint");
        batchSizes = List.copyOf(batchSizes);
        if (batchSizes.isEmpty() || batchSizes.stream().anyMatch(b -> b <= 0)) {
            throw new IllegalArgumentException("batch sizes must be positive, got " + batchSizes);
        }
        if (newTokens <= 0 || threads <= 0) {
            throw new IllegalArgumentException("newTokens and threads must be positive");
        }
    }

    /**
     * The reported run: batches 1 and 16, 64 new tokens per row, 2 threads, llama.cpp on the same file, and a
     * PPO update of 8 sequences of 128 tokens.
     */
    public static ModelBenchConfig defaults(Path checkpoint) {
        return new ModelBenchConfig(checkpoint, List.of(1, 16), 64, 2, true, PpoBenchConfig.defaults());
    }
}
