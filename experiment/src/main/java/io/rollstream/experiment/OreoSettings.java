package io.rollstream.experiment;

import io.rollstream.policy.model.ModelPreset;
import io.rollstream.tasks.SyntheticDifficulty;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything an OREO experiment is configured with; RS-SFT and OREO train on the same window with the same
 * epochs and learning rate.
 *
 * @param runDir            where the report, charts, broker data, weights and logs go
 * @param bootstrapServers  external Kafka cluster, or null for the embedded broker and registry
 * @param schemaRegistryUrl external schema registry (with bootstrapServers), or null
 * @param preset            model size
 * @param difficulty        synthetic task difficulty
 * @param seeds             one warm start, one log and three trained policies per seed
 * @param sftQuestions      training questions of the warm start
 * @param logQuestions      training questions the warm start answers into the log, disjoint from the warm start's
 * @param logSamples        answers per logged question, at temperature 1
 * @param testQuestions     held-out questions of every evaluation
 * @param sftEpochs         warm-start epochs
 * @param offlineEpochs     passes of RS-SFT and of OREO over the window
 * @param learningRate      Adam step size of RS-SFT and OREO
 * @param maxNewTokens      largest answer
 * @param actorBatch        prompts an actor generates together
 * @param resamples         bootstrap resamples of every interval
 */
public record OreoSettings(Path runDir, String bootstrapServers, String schemaRegistryUrl, ModelPreset preset,
                    SyntheticDifficulty difficulty, List<Long> seeds, int sftQuestions, int logQuestions,
                    int logSamples, int testQuestions, int sftEpochs, int offlineEpochs, float learningRate,
                    int maxNewTokens, int actorBatch, int resamples) {

    public OreoSettings {
        Objects.requireNonNull(runDir, "run-dir");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(difficulty, "difficulty");
        seeds = List.copyOf(seeds);
        Experiments.requireSeedsAndCluster(seeds, bootstrapServers, schemaRegistryUrl);
        Experiments.atLeast("sft-questions", sftQuestions, 1);
        Experiments.atLeast("log-questions", logQuestions, 1);
        Experiments.atLeast("log-samples", logSamples, 1);
        Experiments.atLeast("questions", testQuestions, 1);
        Experiments.atLeast("sft-epochs", sftEpochs, 1);
        Experiments.atLeast("offline-epochs", offlineEpochs, 1);
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning-rate: must be a finite number > 0, got " + learningRate);
        }
        Experiments.atLeast("max-new-tokens", maxNewTokens, 8);
        Experiments.atLeast("actor-batch", actorBatch, 1);
        Experiments.atLeast("resamples", resamples, 100);
    }

    /** A seed's questions: the warm start's and the {@code logQuestions} after them, then the held-out ones. */
    public SeedQuestions questions(long seed) {
        return SeedQuestions.draw(difficulty, sftQuestions + logQuestions, testQuestions, seed);
    }

    /** A single-turn warm start: first attempts only, every system prompt giving one attempt. */
    WarmStart.Plan warmStart() {
        return new WarmStart.Plan(preset, 1, sftEpochs, 0, 1, maxNewTokens);
    }
}
