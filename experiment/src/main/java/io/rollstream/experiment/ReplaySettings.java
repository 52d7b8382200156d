package io.rollstream.experiment;

import io.rollstream.policy.model.ModelPreset;
import io.rollstream.tasks.SyntheticDifficulty;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a retrospective-replay experiment is configured with; both PPO arms share the warm start, the
 * critic warm-up, the updates, the episodes per update, the learning rate and the questions in the same order.
 *
 * @param runDir            where the report, charts, broker data, weights and logs go
 * @param bootstrapServers  external Kafka cluster, or null for the embedded broker and registry
 * @param schemaRegistryUrl external schema registry (with bootstrapServers), or null
 * @param preset            model size
 * @param difficulty        synthetic task difficulty
 * @param seeds             one warm start and two trained arms per seed
 * @param sftQuestions      training questions of the warm start
 * @param sftEpochs         warm-start epochs
 * @param rlQuestions       RL training questions, disjoint from the warm start's
 * @param criticWarmup      value-head-only updates before the policy trains (and before any state is captured)
 * @param updates           PPO updates of each arm after the warm-up
 * @param batchEpisodes     trajectories per update (fresh, and replayed in the replay arm)
 * @param replayRatio       replay prompts published per trained trajectory in the replay arm
 * @param learningRate      Adam step size of both arms
 * @param testQuestions     held-out questions of every evaluation
 * @param samples           temperature-1 samples per held-out question (pass@k for k up to this)
 * @param maxNewTokens      largest answer
 * @param actorBatch        prompts an actor generates together
 * @param resamples         bootstrap resamples of every interval
 */
public record ReplaySettings(Path runDir, String bootstrapServers, String schemaRegistryUrl, ModelPreset preset,
                      SyntheticDifficulty difficulty, List<Long> seeds, int sftQuestions, int sftEpochs,
                      int rlQuestions, int criticWarmup, int updates, int batchEpisodes, double replayRatio,
                      float learningRate, int testQuestions, int samples, int maxNewTokens, int actorBatch,
                      int resamples) {

    public ReplaySettings {
        Objects.requireNonNull(runDir, "run-dir");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(difficulty, "difficulty");
        seeds = List.copyOf(seeds);
        Experiments.requireSeedsAndCluster(seeds, bootstrapServers, schemaRegistryUrl);
        Experiments.atLeast("sft-questions", sftQuestions, 1);
        Experiments.atLeast("sft-epochs", sftEpochs, 1);
        Experiments.atLeast("rl-questions", rlQuestions, 1);
        Experiments.atLeast("critic-warmup", criticWarmup, 1);
        Experiments.atLeast("updates", updates, 1);
        Experiments.atLeast("batch-episodes", batchEpisodes, 2);
        if (!(replayRatio > 0 && replayRatio <= 1)) {
            throw new IllegalArgumentException("replay-ratio: must be in (0, 1], got " + replayRatio);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning-rate: must be a finite number > 0, got " + learningRate);
        }
        Experiments.atLeast("questions", testQuestions, 1);
        Experiments.atLeast("samples", samples, 1);
        Experiments.atLeast("max-new-tokens", maxNewTokens, 8);
        Experiments.atLeast("actor-batch", actorBatch, 1);
        Experiments.atLeast("resamples", resamples, 100);
    }

    /** A seed's questions: the warm start's and the {@code rlQuestions} after them, then the held-out ones. */
    public SeedQuestions questions(long seed) {
        return SeedQuestions.draw(difficulty, sftQuestions + rlQuestions, testQuestions, seed);
    }

    /** A single-turn warm start: first attempts only, every system prompt giving one attempt. */
    WarmStart.Plan warmStart() {
        return new WarmStart.Plan(preset, 1, sftEpochs, 0, 1, maxNewTokens);
    }
}
