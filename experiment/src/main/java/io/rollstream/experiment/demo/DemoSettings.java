package io.rollstream.experiment.demo;

import io.rollstream.policy.model.ModelPreset;
import io.rollstream.tasks.DataSource;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import io.rollstream.tasks.TaskItem;
import io.rollstream.tasks.TaskSelection;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Everything a demo run is configured with.
 *
 * @param runDir             where the broker data, weights, checkpoints, metrics, plots and results.json go
 * @param bootstrapServers   external Kafka cluster, or null to start the embedded broker and registry
 * @param schemaRegistryUrl  external schema registry (with bootstrapServers), or null
 * @param preset             model size: tiny|small|base
 * @param dataset            data set of questions
 * @param difficulty         synthetic task difficulty
 * @param seed               seed of data, weights and sampling
 * @param trainQuestions     questions for the supervised warm start and RL training
 * @param testQuestions      held-out questions for evaluation
 * @param sftEpochs          passes of the supervised warm start over its examples
 * @param steps              RL updates per policy (multi-attempt and single-turn each)
 * @param batchEpisodes      episodes per RL update
 * @param maxAttempts        K of the evaluation (accuracy@1..K) and the largest N in training
 * @param maxNewTokens       largest response per attempt
 * @param actorBatch         prompts an actor generates together
 */
public record DemoSettings(Path runDir, String bootstrapServers, String schemaRegistryUrl, ModelPreset preset,
                           Dataset dataset, SyntheticDifficulty difficulty, long seed, int trainQuestions,
                           int testQuestions, int sftEpochs, int steps, int batchEpisodes, int maxAttempts,
                           int maxNewTokens, int actorBatch) {

    /** The splits the demo reads: it trains on {@code train} and evaluates on {@code test}. */
    static final List<String> SPLITS = List.of("train", "test");

    public DemoSettings {
        Objects.requireNonNull(runDir, "run-dir");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(dataset, "dataset");
        if (!runsOn(dataset)) {
            throw new IllegalArgumentException("dataset: " + dataset.id() + " has only "
                    + String.join("|", dataset.splits()) + ", and the demo trains on a train split and evaluates on"
                    + " a test split; it accepts " + String.join("|", new Datasets())
                    + (dataset == Dataset.ONE_SHOT ? " (GRPO on one example, evaluated on held-out questions:"
                    + " rollstream experiment one-shot)" : ""));
        }
        Objects.requireNonNull(difficulty, "difficulty");
        if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw new IllegalArgumentException(
                    "bootstrap-servers and schema-registry-url: give both to use an external cluster, or neither");
        }
        atLeast("train-questions", trainQuestions, 1);
        atLeast("test-questions", testQuestions, 1);
        atLeast("sft-epochs", sftEpochs, 1);
        atLeast("steps", steps, 1);
        atLeast("batch-episodes", batchEpisodes, 2);
        atLeast("max-attempts", maxAttempts, 1);
        atLeast("max-new-tokens", maxNewTokens, 8);
        atLeast("actor-batch", actorBatch, 1);
    }

    /** Whether the demo can run on {@code dataset}: it needs every split in {@link #SPLITS}. */
    static boolean runsOn(Dataset dataset) {
        return dataset.splits().containsAll(SPLITS);
    }

    /**
     * The questions of {@code split} the run trains or evaluates on: {@code trainQuestions} of train (seeded with
     * {@code seed}) or {@code testQuestions} of test ({@code seed + 1}).
     */
    public List<TaskItem> questions(String split) {
        boolean train = split.equals(SPLITS.get(0));
        return new TaskSelection(dataset, split, train ? trainQuestions : testQuestions, train ? seed : seed + 1,
                difficulty).load(DataSource.bundled());
    }

    /** Whether the demo runs on its own embedded broker and registry. */
    public boolean embedded() {
        return bootstrapServers == null;
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": must be >= " + min + ", got " + value);
        }
    }

    /** The data sets the demo runs on, in registry order: the values its {@code --dataset} help lists. */
    public static final class Datasets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Dataset.values()).filter(DemoSettings::runsOn).map(Dataset::id).iterator();
        }
    }
}
