package io.rollstream.bench.pipeline;

import io.rollstream.policy.model.ModelPreset;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.SyntheticDifficulty;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code bench pipeline} runs, identically in both modes: one warm start, then the same PPO run (seed,
 * questions in the same order, updates, episodes per update) paced asynchronously and synchronously.
 *
 * @param runDir         where the embedded cluster, the weights and the learners' logs go
 * @param preset         model size
 * @param difficulty     synthetic task difficulty
 * @param seed           seed of the questions, the weights and the sampling
 * @param trainQuestions questions for the warm start and the RL feed
 * @param sftEpochs      passes of the warm start over its examples
 * @param updates        PPO updates per mode
 * @param batchEpisodes  episodes per update
 * @param attempts       N of each training episode
 * @param leadUpdates    how many updates' worth the asynchronous feed may run ahead of the learner
 * @param maxNewTokens   largest response per attempt
 * @param actorBatch     prompts the actor generates together
 * @param lastUpdates    updates the final training reward averages
 */
public record PipelineSettings(Path runDir, ModelPreset preset, SyntheticDifficulty difficulty, long seed,
                               int trainQuestions, int sftEpochs, int updates, int batchEpisodes,
                               AttemptsPolicy attempts, int leadUpdates, int maxNewTokens, int actorBatch,
                               int lastUpdates) {

    public PipelineSettings {
        Objects.requireNonNull(runDir, "run-dir");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(difficulty, "difficulty");
        Objects.requireNonNull(attempts, "attempts");
        atLeast("train-questions", trainQuestions, 1);
        atLeast("sft-epochs", sftEpochs, 1);
        atLeast("updates", updates, 1);
        atLeast("batch", batchEpisodes, 1);
        atLeast("lead", leadUpdates, 1);
        atLeast("max-new-tokens", maxNewTokens, 1);
        atLeast("actor-batch", actorBatch, 1);
        atLeast("last-updates", lastUpdates, 1);
        if (lastUpdates > updates) {
            throw new IllegalArgumentException("last-updates: " + lastUpdates + " is more than the " + updates
                    + " updates of a mode");
        }
    }

    private static void atLeast(String name, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ", got " + value);
        }
    }

    /** The settings as printed and written to the report, in a stable order. */
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("run directory", runDir.toString());
        map.put("preset", preset.id());
        map.put("task", "synthetic, " + difficulty + ", N = " + attempts);
        map.put("seed", seed);
        map.put("warm start", trainQuestions + " questions x " + sftEpochs + " epochs");
        map.put("PPO", updates + " updates x " + batchEpisodes + " episodes per mode, no replay");
        map.put("asynchronous", "the feed up to " + leadUpdates + " updates' worth ahead of the learner");
        map.put("synchronous", "generate a batch, train, publish, swap, repeat");
        map.put("actor", "batch " + actorBatch + ", " + maxNewTokens + " new tokens");
        map.put("final reward", "mean of the last " + lastUpdates + " updates");
        return map;
    }
}
