package io.rollstream.bench.learner;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.train.LearnerModels;
import io.rollstream.learner.train.PolicyGradientUpdate;
import io.rollstream.learner.train.TrainingSequence;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.ModelPreset;
import io.rollstream.policy.model.PolicyModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures PPO update throughput on synthetic trajectories: trajectories and trained tokens per second, and the
 * achieved FLOP/s against the device's dense matmul rate. One update runs first as warm-up.
 */
public final class LearnerBenchmark {

    private LearnerBenchmark() {
    }

    /**
     * The figures of one run.
     *
     * @param preset                 model preset
     * @param trajectoriesPerSecond  trajectories consumed by updates per second
     * @param epochs                 passes over each batch per update
     * @param trainedTokensPerSecond trained (mask 1) tokens per second, each counted once per update however many
     *                               epochs pass over it
     * @param achievedFlops          estimated FLOP/s of the updates (forward 2N per token, backward twice that)
     * @param matmulFlops            FLOP/s of a dense float32 matmul on the same device
     */
    public record Result(String preset, int batch, int promptTokens, int responseTokens, int updates, int epochs,
                         double trajectoriesPerSecond, double trainedTokensPerSecond, double achievedFlops,
                         double matmulFlops) {

        /** One line for the README. */
        public String describe() {
            return String.format(Locale.ROOT, "learner PPO %s: batch %d x (%d prompt + %d response) tokens, %d updates"
                    + " of %d epochs: %.1f trajectories/s, %.0f trained tokens/s (once per update), %.2f GFLOP/s"
                    + " achieved of %.2f GFLOP/s matmul (%.1f%%)",
                    preset, batch, promptTokens, responseTokens, updates, epochs, trajectoriesPerSecond,
                    trainedTokensPerSecond, achievedFlops / 1e9, matmulFlops / 1e9, 100 * achievedFlops / matmulFlops);
        }
    }

    public static void main(String[] args) {
        String preset = args.length > 0 ? args[0] : "small";
        int updates = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println(run(preset, DeviceChoice.AUTO, 16, 64, 192, updates).describe());
    }

    /** Times {@code updates} PPO updates (preset epochs and minibatches) on {@code batch} synthetic trajectories. */
    public static Result run(String preset, DeviceChoice device, int batch, int promptTokens, int responseTokens,
                             int updates) {
        LearnerConfig config = LearnerConfig.ppo().toBuilder().modelPreset(ModelPreset.parse(preset)).batchEpisodes(batch)
                .build();
        ModelConfig modelConfig = ModelConfig.preset(preset);
        List<TrainingSequence> sequences = synthetic(modelConfig, batch, promptTokens, responseTokens);
        try (LearnerModels models = LearnerModels.create(PolicyModel.create(modelConfig, device, 1L), null,
                config.learningRate())) {
            PolicyGradientUpdate update = new PolicyGradientUpdate(config, models);
            update.run(sequences, 0);
            long begin = System.nanoTime();
            for (int u = 1; u <= updates; u++) {
                update.run(sequences, u);
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            long trained = (long) batch * responseTokens * updates;
            int columns = promptTokens + responseTokens - 1;
            double forward = forwardFlops(modelConfig, columns) * batch;
            // Per update: policy and reference scored once without gradients, then epochs x (forward + backward).
            double flops = updates * (2 * forward + config.epochs() * 3 * forward);
            return new Result(preset, batch, promptTokens, responseTokens, updates, config.epochs(),
                    batch * updates / seconds,
                    trained / seconds, flops / seconds, matmulRate(models.policy().device(), 512, 1.0));
        }
    }

    private static double forwardFlops(ModelConfig c, long columns) {
        double perLayer = 2.0 * c.layerMatmulWeights() * columns + 4.0 * columns * columns * c.dModel();
        return c.layers() * perLayer + 2.0 * c.dModel() * c.vocabSize() * columns;
    }

    private static List<TrainingSequence> synthetic(ModelConfig config, int batch, int promptTokens, int responseTokens) {
        Random random = new Random(5);
        List<TrainingSequence> out = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            int[] prompt = random.ints(promptTokens, 6, config.vocabSize()).toArray();
            int[] response = random.ints(responseTokens, 6, config.vocabSize()).toArray();
            float[] mask = new float[responseTokens];
            Arrays.fill(mask, 1f);
            float[] old = new float[responseTokens];
            Arrays.fill(old, (float) -Math.log(config.vocabSize()));
            out.add(new TrainingSequence("bench-" + b, "bench-" + b, prompt, response, mask, old, 1f,
                    b % 2 == 0 ? 1f : -0.5f, 0L, 0));
        }
        return out;
    }

    /** FLOP/s of repeated (n x n) float32 matmuls for at least {@code minSeconds}. */
    static double matmulRate(Device device, int n, double minSeconds) {
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray a = manager.randomNormal(new Shape(n, n)); // (n, n)
            NDArray b = manager.randomNormal(new Shape(n, n)); // (n, n)
            int repeats = 0;
            long begin = System.nanoTime();
            double elapsed;
            do {
                try (NDManager step = manager.newSubManager()) {
                    NDArray product = a.matMul(b); // (n, n)
                    product.attach(step);
                    product.get(0, 0).toFloatArray(); // waits for an asynchronous device
                }
                repeats++;
                elapsed = (System.nanoTime() - begin) / 1e9;
            } while (elapsed < minSeconds);
            return repeats * 2.0 * n * n * (double) n / elapsed;
        }
    }
}
