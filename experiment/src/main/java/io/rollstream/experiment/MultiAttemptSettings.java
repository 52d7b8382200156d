package io.rollstream.experiment;

import io.rollstream.policy.model.ModelPreset;
import io.rollstream.tasks.SyntheticDifficulty;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a multi-attempt experiment is configured with; every arm of every seed gets the same budget.
 *
 * @param runDir            where the report, charts, broker data, weights and logs go
 * @param bootstrapServers  external Kafka cluster, or null for the embedded broker and registry
 * @param schemaRegistryUrl external schema registry (with bootstrapServers), or null
 * @param preset            model size
 * @param difficulty        synthetic task difficulty
 * @param seeds             one warm start and two arms per seed
 * @param sftQuestions      training questions of the warm start
 * @param rlQuestions       training questions of RL, disjoint from the warm start's
 * @param testQuestions     held-out questions of every evaluation
 * @param sftEpochs         warm-start epochs on first-attempt examples
 * @param retryEpochs       further warm-start epochs with the retries made from the model's own mistakes
 * @param mistakeSamples    answers per warm-start question sampled to collect own mistakes
 * @param updates           PPO updates per arm after the critic warm-up
 * @param criticWarmup      updates per arm that fit only the critic, on the warm-start policy's rollouts
 * @param learningRate      Adam step size of both arms' PPO learners
 * @param batchEpisodes     episodes per PPO update
 * @param maxAttempts       K: N drawn from 1..K in the multi-attempt arm; k = 1..K in evaluation
 * @param maxNewTokens      largest response per attempt
 * @param actorBatch        prompts an actor generates together
 * @param samples           samples per question and k of the sampled (temperature 1) view
 * @param repeatFirstSeed   run the first seed a second time, to show how much asynchrony moves a run
 * @param resamples         bootstrap resamples of every interval
 */
public record MultiAttemptSettings(Path runDir, String bootstrapServers, String schemaRegistryUrl, ModelPreset preset,
                            SyntheticDifficulty difficulty, List<Long> seeds, int sftQuestions, int rlQuestions,
                            int testQuestions, int sftEpochs, int retryEpochs, int mistakeSamples, int updates,
                            int criticWarmup, float learningRate, int batchEpisodes, int maxAttempts, int maxNewTokens, int actorBatch,
                            int samples, boolean repeatFirstSeed, int resamples) {

    public MultiAttemptSettings {
        Objects.requireNonNull(runDir, "run-dir");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(difficulty, "difficulty");
        seeds = List.copyOf(seeds);
        Experiments.requireSeedsAndCluster(seeds, bootstrapServers, schemaRegistryUrl);
        Experiments.atLeast("sft-questions", sftQuestions, 1);
        Experiments.atLeast("rl-questions", rlQuestions, 1);
        Experiments.atLeast("questions", testQuestions, 1);
        Experiments.atLeast("sft-epochs", sftEpochs, 1);
        Experiments.atLeast("retry-epochs", retryEpochs, 1);
        Experiments.atLeast("mistake-samples", mistakeSamples, 1);
        Experiments.atLeast("updates", updates, 1);
        Experiments.atLeast("critic-warmup", criticWarmup, 1);
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning-rate: must be a finite number > 0, got " + learningRate);
        }
        Experiments.atLeast("batch-episodes", batchEpisodes, 2);
        Experiments.atLeast("max-attempts", maxAttempts, 2);
        Experiments.atLeast("max-new-tokens", maxNewTokens, 8);
        Experiments.atLeast("actor-batch", actorBatch, 1);
        Experiments.atLeast("samples", samples, 2);
        Experiments.atLeast("resamples", resamples, 100);
    }

    /** A seed's questions: the warm start's and the {@code rlQuestions} after them, then the held-out ones. */
    public SeedQuestions questions(long seed) {
        return SeedQuestions.draw(difficulty, sftQuestions + rlQuestions, testQuestions, seed);
    }

    /** The warm start both arms of a seed begin from. */
    WarmStart.Plan warmStart() {
        return new WarmStart.Plan(preset, maxAttempts, sftEpochs, retryEpochs, mistakeSamples, maxNewTokens);
    }
}
