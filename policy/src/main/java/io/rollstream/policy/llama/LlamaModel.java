package io.rollstream.policy.llama;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import io.rollstream.policy.checkpoint.CheckpointException;
import io.rollstream.policy.checkpoint.Tensor;
import io.rollstream.policy.checkpoint.TensorSource;
import io.rollstream.policy.model.AttentionBias;
import io.rollstream.policy.model.TokenBatch;
import io.rollstream.policy.model.TrainForward;
import ai.djl.ndarray.index.NDIndex;
import io.rollstream.policy.checkpoint.SafetensorsFile;
import io.rollstream.policy.model.Autograd;
import io.rollstream.policy.model.WeightsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pretrained Llama- or Qwen2-family policy with its critic, owning one DJL {@link Model} in fp32. It keeps the
 * built-in model's contract: batched sampling with a KV cache ({@link LlamaGenerator}), tempered per-token
 * log-probs, entropies and values through {@link #forward}, one {@link Trainer}, and weights written as
 * safetensors ({@link #save}).
 */
public final class LlamaModel implements AutoCloseable {

    private static final String ENGINE = "PyTorch";

    private final Model model;
    private final LlamaLm block;

    private LlamaModel(Model model, LlamaLm block) {
        this.model = model;
        this.block = block;
    }

    /**
     * Loads every tensor of {@code checkpoint} onto {@code device}. All names and shapes are checked against the
     * config before any data is read; any failure closes what was built, so nothing is left half-loaded. A
     * checkpoint without a critic gets a zero-initialised one.
     */
    public static LlamaModel load(LlamaCheckpoint checkpoint, Device device) throws CheckpointException {
        LlamaConfig config = checkpoint.config();
        TensorSource source = checkpoint.tensors();
        Map<String, long[]> expected = TensorNames.expected(config);
        for (Map.Entry<String, long[]> entry : expected.entrySet()) {
            String name = entry.getKey();
            if (!source.names().contains(name)) {
                throw new CheckpointException(source.fileOf(name), name, "tensor missing from the checkpoint");
            }
            long[] shape = source.shape(name);
            if (!Arrays.equals(shape, entry.getValue())) {
                throw new CheckpointException(source.fileOf(name), name, "shape " + Arrays.toString(shape)
                        + " disagrees with the config, which implies " + Arrays.toString(entry.getValue()));
            }
        }
        for (String critic : new String[] {TensorNames.VALUE_WEIGHT, TensorNames.VALUE_BIAS}) {
            long[] want = critic.equals(TensorNames.VALUE_BIAS) ? new long[] {1} : new long[] {1, config.hiddenSize()};
            if (source.names().contains(critic) && !Arrays.equals(source.shape(critic), want)) {
                throw new CheckpointException(source.fileOf(critic), critic, "shape "
                        + Arrays.toString(source.shape(critic)) + " disagrees with the config, which implies "
                        + Arrays.toString(want));
            }
        }
        Model model = Model.newInstance("llama-policy", device, ENGINE);
        try {
            LlamaLm block = new LlamaLm(config);
            model.setBlock(block);
            NDManager manager = model.getNDManager();
            for (Map.Entry<String, Parameter> entry : block.parametersByName().entrySet()) {
                String name = entry.getKey();
                long[] shape = block.shapes().get(name);
                NDArray array;
                if (source.names().contains(name)) {
                    Tensor tensor = source.read(name);
                    if (!Arrays.equals(tensor.shape(), shape)) {
                        throw new CheckpointException(source.fileOf(name), name, "shape "
                                + Arrays.toString(tensor.shape()) + " disagrees with the config");
                    }
                    array = manager.create(tensor.values(), new Shape(shape));
                } else {
                    array = manager.zeros(new Shape(shape)); // only the critic may be absent (checked above)
                }
                array.setName(name);
                entry.getValue().setArray(array);
            }
            // Every array is set, so this only marks the trainable ones for gradients.
            block.initialize(manager, DataType.FLOAT32, LlamaLm.INPUT_SHAPES);
            return new LlamaModel(model, block);
        } catch (CheckpointException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Log-probs of the response tokens under softmax(logits / temperature), their entropies, critic values and
     * the response mask, all (B, R) in {@code manager}; with {@code training} inside a gradient collector the
     * outputs carry gradients to the weights.
     */
    public TrainForward forward(NDManager manager, TokenBatch batch, float temperature, boolean training) {
        return LlamaForward.run(block, manager, batch, temperature, training);
    }

    /** Logits (T * V, row-major) at every position of one unpadded sequence: the reference-test view. */
    public float[] logits(int[] tokens) {
        try (NDManager step = manager().newSubManager()) {
            long[] ids = Arrays.stream(tokens).asLongStream().toArray();
            long[] positions = new long[tokens.length];
            Arrays.setAll(positions, i -> i);
            ParameterStore store = new ParameterStore(step, false);
            NDArray input = step.create(ids, new Shape(1, tokens.length)); // (1, T)
            NDArray keyValid = step.ones(new Shape(1, tokens.length)); // (1, T)
            NDArray bias = AttentionBias.forQueries(AttentionBias.fromKeyValid(keyValid), tokens.length, 0);
            NDArray hidden = block.hidden(store, input, positions, bias, null, 0, false); // (1, T, D)
            return block.logits(store, hidden, false).toFloatArray(); // (T * V)
        }
    }

    /**
     * Writes every weight, critic included, under its Hugging Face name as one F32 safetensors file (atomically),
     * readable by transformers and by {@link #loadWeights}; returns its sha256 and size.
     */
    public WeightsFile save(Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> entry : block.parametersByName().entrySet()) {
            NDArray array = entry.getValue().getArray();
            tensors.put(entry.getKey(), new Tensor(array.getShape().getShape(), array.toFloatArray()));
        }
        String sha256 = SafetensorsFile.write(file, tensors, Map.of("format", "pt"));
        return new WeightsFile(file.toAbsolutePath(), sha256, Files.size(file));
    }

    /**
     * Replaces the weights in place with those of a safetensors file written by {@link #save} for the same
     * config (e.g. a newer policy version). Every name and shape is checked before any weight changes.
     */
    public void loadWeights(Path file) throws CheckpointException {
        SafetensorsFile source = SafetensorsFile.open(file);
        for (Map.Entry<String, long[]> entry : block.shapes().entrySet()) {
            if (!source.names().contains(entry.getKey())) {
                throw new CheckpointException(file, entry.getKey(), "tensor missing from the weights file");
            }
            if (!Arrays.equals(source.shape(entry.getKey()), entry.getValue())) {
                throw new CheckpointException(file, entry.getKey(), "shape "
                        + Arrays.toString(source.shape(entry.getKey())) + " disagrees with the config, which implies "
                        + Arrays.toString(entry.getValue()));
            }
        }
        Map<String, Tensor> read = new LinkedHashMap<>();
        for (String name : block.shapes().keySet()) {
            read.put(name, source.read(name));
        }
        Autograd.withoutRecording(() -> read.forEach((name, tensor) -> {
            NDArray target = block.parametersByName().get(name).getArray();
            try (NDManager scratch = target.getManager().newSubManager()) {
                target.set(new NDIndex("..."), scratch.create(tensor.values(), new Shape(tensor.shape())));
            }
        }));
    }

    /** Creates the one trainer of this model (the caller closes it); see the built-in model's notes. */
    public Trainer newTrainer(TrainingConfig trainingConfig) {
        Trainer trainer = model.newTrainer(trainingConfig);
        trainer.initialize(LlamaLm.INPUT_SHAPES);
        return trainer;
    }

    /** The weights an optimizer updates. */
    public List<Parameter> trainableParameters() {
        return block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
    }

    /** Stops (or restarts) gradient tracking for every weight. */
    public void freeze(boolean frozen) {
        block.getParameters().forEach(pair -> pair.getValue().freeze(frozen));
    }

    /** The architecture. */
    public LlamaConfig config() {
        return block.config();
    }

    /** The network. */
    public LlamaLm block() {
        return block;
    }

    /** The model's root manager; generation and scoring open sub-managers of it. */
    NDManager manager() {
        return model.getNDManager();
    }

    /** A new manager on this model's device for one scoring or training step; the caller closes it. */
    public NDManager newManager() {
        return model.getNDManager().newSubManager();
    }

    /** Number of scalar weights, critic included. */
    public long parameterCount() {
        return block.parametersByName().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Override
    public void close() {
        model.close();
    }
}
