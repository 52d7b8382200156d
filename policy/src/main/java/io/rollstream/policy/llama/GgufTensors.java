package io.rollstream.policy.llama;

import io.rollstream.policy.checkpoint.CheckpointException;
import io.rollstream.policy.checkpoint.GgufFile;
import io.rollstream.policy.checkpoint.Tensor;
import io.rollstream.policy.checkpoint.TensorSource;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** A GGUF file's tensors under their Hugging Face names and layouts (see {@link QkPermutation}). */
final class GgufTensors implements TensorSource {

    private final GgufFile gguf;
    private final LlamaConfig config;
    private final Set<String> names = new LinkedHashSet<>();

    GgufTensors(GgufFile gguf, LlamaConfig config) {
        this.gguf = gguf;
        this.config = config;
        for (String name : TensorNames.expected(config).keySet()) {
            if (gguf.names().contains(TensorNames.ggufName(name))) {
                names.add(name);
            }
        }
    }

    @Override
    public Set<String> names() {
        return names;
    }

    @Override
    public long[] shape(String name) throws CheckpointException {
        return gguf.shape(TensorNames.ggufName(name));
    }

    @Override
    public Tensor read(String name) throws CheckpointException {
        Tensor tensor = gguf.read(TensorNames.ggufName(name));
        if (config.family() != ModelFamily.LLAMA || tensor.shape().length != 2) {
            return tensor;
        }
        int heads;
        if (name.endsWith("self_attn.q_proj.weight")) {
            heads = config.heads();
        } else if (name.endsWith("self_attn.k_proj.weight")) {
            heads = config.kvHeads();
        } else {
            return tensor;
        }
        float[] rows = QkPermutation.toHuggingFace(
                tensor.values(), heads, config.headDim(), (int) tensor.shape()[1]);
        return new Tensor(tensor.shape(), rows);
    }

    @Override
    public Path fileOf(String name) {
        return gguf.file();
    }
}
