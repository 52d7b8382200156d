package io.rollstream.policy.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A policy language model with its critic, owning one DJL {@link Model} on one device. Sampling goes through
 * {@code io.rollstream.policy.sampling.Generator}, scoring and training through {@link #forward}; weights move
 * between processes as single files ({@link #save}, {@link #load}).
 */
public final class PolicyModel implements AutoCloseable {

    private static final String ENGINE = "PyTorch";

    private final Model model;
    private final TransformerLm block;

    private PolicyModel(Model model, TransformerLm block) {
        this.model = model;
        this.block = block;
    }

    /** A freshly initialised model on the configured device; the same seed gives the same weights anywhere. */
    public static PolicyModel create(ModelConfig config, DeviceChoice device, long seed) {
        return create(config, device.resolve(), seed);
    }

    /** A freshly initialised model on {@code device}. */
    public static PolicyModel create(ModelConfig config, Device device, long seed) {
        Objects.requireNonNull(config, "config");
        Model model = Model.newInstance("policy", device, ENGINE);
        try {
            TransformerLm block = new TransformerLm(config, seed);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, TransformerLm.INPUT_SHAPES);
            return new PolicyModel(model, block);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Loads a file written by {@link #save}; its header says which architecture to build. */
    public static PolicyModel load(Path file, DeviceChoice device) throws IOException {
        return load(file, null, device.resolve());
    }

    /** Loads a file written by {@link #save}, failing unless its bytes hash to {@code expectedSha256}. */
    public static PolicyModel load(Path file, String expectedSha256, DeviceChoice device) throws IOException {
        return load(file, Objects.requireNonNull(expectedSha256, "expectedSha256"), device.resolve());
    }

    /**
     * Loads a file written by {@link #save} onto {@code device}, failing if {@code expectedSha256} is given and
     * the file's bytes do not hash to it.
     */
    public static PolicyModel load(Path file, String expectedSha256OrNull, Device device) throws IOException {
        ModelConfig config = WeightsCodec.readConfig(file);
        Model model = Model.newInstance("policy", device, ENGINE);
        try {
            TransformerLm block = new TransformerLm(config, 0L);
            model.setBlock(block);
            String sha256 = WeightsCodec.readParameters(file, block, model.getNDManager());
            if (expectedSha256OrNull != null && !expectedSha256OrNull.equals(sha256)) {
                throw new IOException("weights file " + file + " has sha256 " + sha256
                        + ", expected " + expectedSha256OrNull);
            }
            // Loaded arrays carry no gradient flag; initialising marks the trainable ones without touching values.
            block.initialize(model.getNDManager(), DataType.FLOAT32, TransformerLm.INPUT_SHAPES);
            return new PolicyModel(model, block);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Writes all weights and the config as one file (atomically) and returns its sha256 and size. */
    public WeightsFile save(Path file) throws IOException {
        return WeightsCodec.write(file, config(), block);
    }

    /**
     * Copies every weight of {@code other} (same config, any device) into this model in place, e.g. to refresh
     * a frozen reference model or to hot-swap a newly loaded version into a serving model.
     */
    public void copyWeightsFrom(PolicyModel other) {
        if (!config().equals(other.config())) {
            throw new IllegalArgumentException(
                    "cannot copy weights between configs " + other.config() + " and " + config());
        }
        List<Parameter> mine = block.getParameters().values();
        List<Parameter> theirs = other.block.getParameters().values();
        Autograd.withoutRecording(() -> {
            for (int i = 0; i < mine.size(); i++) {
                NDArray target = mine.get(i).getArray();
                target.set(new NDIndex("..."), theirs.get(i).getArray()); // same shape, in place
            }
        });
    }

    /** A new model on the same device with a copy of these weights and no gradients: a reference policy. */
    public PolicyModel frozenCopy() {
        PolicyModel copy = create(config(), device(), 0L);
        try {
            copy.copyWeightsFrom(this);
            copy.freeze(true);
            return copy;
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    /** Stops (or restarts) gradient tracking for every weight. */
    public void freeze(boolean frozen) {
        block.getParameters().forEach(pair -> pair.getValue().freeze(frozen));
    }

    /**
     * Creates and initialises the one {@link Trainer} of this model (the caller closes it). DJL requires the
     * config to name a loss even though {@link #forward} feeds the trainer's optimizer directly: after
     * {@code backward()} on a loss built from {@link #forward}'s outputs, {@code trainer.step()} updates these
     * weights.
     */
    public Trainer newTrainer(TrainingConfig trainingConfig) {
        Trainer trainer = model.newTrainer(trainingConfig);
        trainer.initialize(TransformerLm.INPUT_SHAPES);
        return trainer;
    }

    /**
     * The differentiable forward pass of the learner: log-probs of the response tokens under
     * softmax(logits / temperature) (plain softmax at temperature 0, the sampling definition), entropies of
     * that distribution, critic values and the response mask, all (B, R) in {@code manager}. Inside a
     * {@code GradientCollector} with {@code training} true the outputs carry gradients to the weights;
     * {@code training} false detaches them (old or reference log-probs). The model has no dropout.
     */
    public TrainForward forward(NDManager manager, TokenBatch batch, float temperature, boolean training) {
        return PolicyForward.run(block, manager, batch, temperature, training);
    }

    /** The weights an optimizer updates, e.g. to clip the global gradient norm after {@code backward()}. */
    public List<Parameter> trainableParameters() {
        return block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
    }

    /** A new manager on this model's device for one generation or scoring call; the caller closes it. */
    public NDManager newManager() {
        return model.getNDManager().newSubManager();
    }

    /** The underlying DJL model (its block is {@link #block()}). */
    public Model djlModel() {
        return model;
    }

    /** The network. */
    public TransformerLm block() {
        return block;
    }

    /** The architecture. */
    public ModelConfig config() {
        return block.config();
    }

    /** Where the weights live. */
    public Device device() {
        return model.getNDManager().getDevice();
    }

    /** Number of scalar weights. */
    public long parameterCount() {
        long count = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            count += pair.getValue().getArray().size();
        }
        return count;
    }

    @Override
    public void close() {
        model.close();
    }
}
