package io.rollstream.experiment;

import io.rollstream.policy.model.ModelPreset;
import io.rollstream.tasks.SyntheticDifficulty;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Everything a 1-shot RLVR experiment is configured with; the three arms share the warm start, the GRPO preset,
 * the learning rate, the updates and the rollouts per update.
 *
 * @param runDir            where the report, charts, broker data, weights and logs go
 * @param bootstrapServers  external Kafka cluster, or null for the embedded broker and registry
 * @param schemaRegistryUrl external schema registry (with bootstrapServers), or null
 * @param preset            model size
 * @param difficulty        synthetic task difficulty
 * @param seeds             one warm start, one selection and three trained arms per seed
 * @param sftQuestions      training questions of the warm start
 * @param sftEpochs         warm-start epochs
 * @param trainQuestions    the RL training set (the full-set arm's questions), disjoint from the warm start's
 * @param candidates        of the training set, the first this many are the pool the one example is chosen from
 * @param selectionEpochs   passes of the selection pre-run over the pool
 * @param updates           GRPO updates of every arm
 * @param evalEvery         held-out evaluation every this many updates (and at 0, the warm start)
 * @param groupsPerUpdate   groups of G rollouts per update
 * @param learningRate      Adam step size of every GRPO run
 * @param testQuestions     held-out questions of every evaluation
 * @param maxNewTokens      largest answer
 * @param actorBatch        prompts an actor generates together
 * @param resamples         bootstrap resamples of every interval
 */
public record OneShotSettings(Path runDir, String bootstrapServers, String schemaRegistryUrl, ModelPreset preset,
                       SyntheticDifficulty difficulty, List<Long> seeds, int sftQuestions, int sftEpochs,
                       int trainQuestions, int candidates, int selectionEpochs, int updates, int evalEvery,
                       int groupsPerUpdate, float learningRate, int testQuestions, int maxNewTokens, int actorBatch,
                       int resamples) {

    /** A one-shot batch's rollouts at least this correct mark the one example's training accuracy saturated. */
    static final double SATURATED = 0.9;

    public OneShotSettings {
        Objects.requireNonNull(runDir, "run-dir");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(difficulty, "difficulty");
        seeds = List.copyOf(seeds);
        Experiments.requireSeedsAndCluster(seeds, bootstrapServers, schemaRegistryUrl);
        Experiments.atLeast("sft-questions", sftQuestions, 1);
        Experiments.atLeast("sft-epochs", sftEpochs, 1);
        Experiments.atLeast("candidates", candidates, 1);
        Experiments.atLeast("train-questions", trainQuestions, candidates);
        Experiments.atLeast("selection-epochs", selectionEpochs, 2);
        Experiments.atLeast("updates", updates, 1);
        Experiments.atLeast("eval-every", evalEvery, 1);
        if (updates % evalEvery != 0) {
            throw new IllegalArgumentException("eval-every: must divide updates (" + updates + "), got " + evalEvery);
        }
        Experiments.atLeast("groups", groupsPerUpdate, 1);
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning-rate: must be a finite number > 0, got " + learningRate);
        }
        Experiments.atLeast("questions", testQuestions, 1);
        Experiments.atLeast("max-new-tokens", maxNewTokens, 8);
        Experiments.atLeast("actor-batch", actorBatch, 1);
        Experiments.atLeast("resamples", resamples, 100);
    }

    /** A seed's questions: the warm start's and the {@code trainQuestions} after them, then the held-out ones. */
    public SeedQuestions questions(long seed) {
        return SeedQuestions.draw(difficulty, sftQuestions + trainQuestions, testQuestions, seed);
    }

    /** A single-turn warm start: first attempts only, every system prompt giving one attempt. */
    WarmStart.Plan warmStart() {
        return new WarmStart.Plan(preset, 1, sftEpochs, 0, 1, maxNewTokens);
    }

    /** The selection pre-run's updates: each pass samples every candidate once. */
    public int selectionUpdates() {
        return (candidates * selectionEpochs + groupsPerUpdate - 1) / groupsPerUpdate;
    }

    /** The training steps evaluated: 0 (the warm start), evalEvery, 2 evalEvery, ..., updates. */
    public List<Integer> evalSteps() {
        return IntStream.rangeClosed(0, updates / evalEvery).map(i -> i * evalEvery).boxed().toList();
    }
}
