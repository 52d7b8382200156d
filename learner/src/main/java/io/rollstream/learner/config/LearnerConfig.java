package io.rollstream.learner.config;

import io.rollstream.policy.model.ModelPreset;
import io.rollstream.learner.algo.GroupNormalisation;
import io.rollstream.learner.algo.KlEstimator;
import io.rollstream.learner.algo.LossAggregation;
import io.rollstream.learner.algo.OreoLosses;
import io.rollstream.learner.replay.CandidateRules;
import io.rollstream.learner.replay.ReplayBufferConfig;
import io.rollstream.schemas.topics.ClusterDefaults;
import java.util.Objects;

/**
 * Everything that decides how the learner trains, built once from flags and passed everywhere. Keys, with the
 * defaults of the two presets ({@link #ppo()} / {@link #grpo()}; {@link #sft()} uses the PPO values):
 *
 * @param algorithm          SFT, PPO, GRPO, OREO or RS_SFT (enum)
 * @param policyName         policy whose versions are published (string, default {@code default})
 * @param modelPreset        model size when no weights exist yet: tiny|small|base (default tiny)
 * @param seed               seed of the initial weights and of minibatch shuffling (long, default 42)
 * @param learningRate       Adam step size (float, PPO 1e-4, GRPO 1e-4; SFT 1e-3)
 * @param maxGradNorm        global gradient-norm clip, > 0 (float, default 1.0)
 * @param batchEpisodes      PPO: trajectories per update (int, default 16)
 * @param groupSize          GRPO: episodes per group G the learner waits for (int, PPO 1, GRPO 8)
 * @param groupsPerBatch     GRPO: complete groups per update (int, default 2)
 * @param epochs             passes over each batch (int, PPO 4, GRPO 1, SFT 3)
 * @param miniBatchSize      sequences per optimiser step (int, default 8)
 * @param gamma              GAE discount per trained token (float, default 1)
 * @param lambda             GAE trace decay (float, default 0.99)
 * @param clipLow            lower ratio clip (float, default 0.2)
 * @param clipHigh           upper ratio clip (float, default 0.2)
 * @param valueClip          critic clip range (float, default 0.2)
 * @param valueCoefficient   weight of the critic loss (float, PPO 0.5, GRPO 0: no critic)
 * @param klCoefficient      weight of KL to the reference policy (float, PPO 0.01, GRPO 0.001)
 * @param klEstimator        per-token KL estimator (enum, default K3)
 * @param entropyCoefficient weight of the entropy bonus (float, PPO 0, GRPO 0.001)
 * @param temperature        sampling temperature the preset expects; replay prompts request it, and log-probs
 *                           are recomputed at each attempt's own recorded temperature (float, PPO 1.0, GRPO 0.6)
 * @param aggregation        per-token loss to scalar (enum, default TOKEN_MEAN)
 * @param whitenAdvantages   whiten advantages over the batch's trained tokens (boolean, PPO true, GRPO false)
 * @param groupNormalisation GRPO advantage normalisation (enum, default MEAN_STD)
 * @param maxStaleness       trajectories whose oldest attempt is more than this many versions behind the
 *                           learner's current version are dropped (int, default 4)
 * @param publishEvery       publish a policy version every M updates (int, default 1)
 * @param checkpointEvery    checkpoint every this many updates (int, default 1)
 * @param replayEnabled      retrospective replay on or off (boolean, default true)
 * @param replayRatio        replay prompts published per trained trajectory (double in [0, 1], default 0.125)
 * @param replayBuffer       buffer bounds and eviction weights (see {@link ReplayBufferConfig#defaults()})
 * @param candidateRules     which states are kept (see {@link CandidateRules#defaults()})
 * @param criticWarmupUpdates PPO: the first this many updates fit only the value head, on frozen policy
 *                           features, and publish nothing, so the critic has learnt the warm-start policy's values
 *                           before its advantages move the policy or its values pick replay states (int, default 0)
 * @param oreoBeta           OREO: weight of the policy's log-ratio to the reference in the soft Bellman
 *                           residual (float, default 0.03)
 * @param policyCoefficient  weight of the clipped policy-gradient term; 0 trains on the entropy bonus and the KL
 *                           term alone, without any reward (1-shot RLVR's entropy-only ablation) (float, default 1)
 */
public record LearnerConfig(
        Algorithm algorithm, String policyName, ModelPreset modelPreset, long seed,
        float learningRate, float maxGradNorm,
        int batchEpisodes, int groupSize, int groupsPerBatch, int epochs, int miniBatchSize,
        float gamma, float lambda, float clipLow, float clipHigh, float valueClip, float valueCoefficient,
        float klCoefficient, KlEstimator klEstimator, float entropyCoefficient, float temperature,
        LossAggregation aggregation, boolean whitenAdvantages, GroupNormalisation groupNormalisation,
        int maxStaleness, int publishEvery, int checkpointEvery,
        boolean replayEnabled, double replayRatio, ReplayBufferConfig replayBuffer, CandidateRules candidateRules,
        int criticWarmupUpdates, float oreoBeta, float policyCoefficient) {

    public LearnerConfig {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(klEstimator, "klEstimator");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(groupNormalisation, "groupNormalisation");
        Objects.requireNonNull(replayBuffer, "replayBuffer");
        Objects.requireNonNull(candidateRules, "candidateRules");
        if (policyName == null || policyName.isBlank()) {
            throw new IllegalArgumentException("policyName must not be blank");
        }
        if (modelPreset == null) {
            throw new IllegalArgumentException("modelPreset is required; one of " + ModelPreset.ids());
        }
        positive("learningRate", learningRate);
        positive("maxGradNorm", maxGradNorm);
        atLeastOne("batchEpisodes", batchEpisodes);
        atLeastOne("groupSize", groupSize);
        atLeastOne("groupsPerBatch", groupsPerBatch);
        atLeastOne("epochs", epochs);
        atLeastOne("miniBatchSize", miniBatchSize);
        unit("gamma", gamma);
        unit("lambda", lambda);
        if (!(clipLow >= 0 && clipLow < 1) || !(clipHigh >= 0) || !(valueClip >= 0)) {
            throw new IllegalArgumentException("clip ranges need 0 <= clipLow < 1, clipHigh >= 0, valueClip >= 0");
        }
        nonNegative("valueCoefficient", valueCoefficient);
        nonNegative("klCoefficient", klCoefficient);
        nonNegative("entropyCoefficient", entropyCoefficient);
        nonNegative("temperature", temperature);
        if (maxStaleness < 0) {
            throw new IllegalArgumentException("maxStaleness must be >= 0, got " + maxStaleness);
        }
        atLeastOne("publishEvery", publishEvery);
        atLeastOne("checkpointEvery", checkpointEvery);
        if (!(replayRatio >= 0 && replayRatio <= 1)) {
            throw new IllegalArgumentException("replayRatio must be in [0, 1], got " + replayRatio);
        }
        positive("oreoBeta", oreoBeta);
        nonNegative("policyCoefficient", policyCoefficient);
        if (criticWarmupUpdates < 0) {
            throw new IllegalArgumentException("criticWarmupUpdates must be >= 0, got " + criticWarmupUpdates);
        }
        if (criticWarmupUpdates > 0 && !(valueCoefficient > 0)) {
            throw new IllegalArgumentException("criticWarmupUpdates needs a critic (valueCoefficient > 0)");
        }
        if (algorithm.trainsOnGroups() && groupSize < 2) {
            throw new IllegalArgumentException(algorithm + " needs groupSize >= 2, got " + groupSize);
        }
    }

    /** The algorithm whose preset applies when none is named. */
    public static final Algorithm DEFAULT_ALGORITHM = Algorithm.PPO;

    /** The preset of {@link #DEFAULT_ALGORITHM}. */
    public static LearnerConfig defaults() {
        return preset(DEFAULT_ALGORITHM);
    }

    /** The multi-attempt PPO preset: gamma 1, lambda 0.99, clip 0.2, k3 KL 0.01, critic weight 0.5. */
    public static LearnerConfig ppo() {
        return new LearnerConfig(Algorithm.PPO, ClusterDefaults.POLICY_NAME, ModelPreset.TINY, 42L, 1e-4f, 1.0f,
                16, 1, 2, 4, 8,
                1f, 0.99f, 0.2f, 0.2f, 0.2f, 0.5f,
                0.01f, KlEstimator.K3, 0f, 1.0f,
                LossAggregation.TOKEN_MEAN, true, GroupNormalisation.MEAN_STD,
                4, 1, 1, true, 0.125, ReplayBufferConfig.defaults(), CandidateRules.defaults(), 0,
                OreoLosses.DEFAULT_BETA, 1f);
    }

    /** The GRPO preset of 1-shot RLVR: G 8, KL 0.001, entropy 0.001, temperature 0.6, one epoch, no critic. */
    public static LearnerConfig grpo() {
        return ppo().toBuilder().algorithm(Algorithm.GRPO).groupSize(8).epochs(1).valueCoefficient(0f)
                .klCoefficient(0.001f).entropyCoefficient(0.001f).temperature(0.6f).whitenAdvantages(false)
                .build();
    }

    /**
     * OREO from a window of logged trajectories: beta 0.03, the value loss at weight 1 and the KL regulariser
     * (k3, to the starting policy) at 0.01, squared residuals averaged per sequence, two passes over the window,
     * no replay.
     */
    public static LearnerConfig oreo() {
        return ppo().toBuilder().algorithm(Algorithm.OREO).epochs(2).valueCoefficient(1f).klCoefficient(0.01f)
                .aggregation(LossAggregation.SEQUENCE_MEAN).whitenAdvantages(false).replayEnabled(false).build();
    }

    /** OREO's baseline on the same window: the solved answers, two passes at OREO's learning rate, no replay. */
    public static LearnerConfig rsSft() {
        return oreo().toBuilder().algorithm(Algorithm.RS_SFT).aggregation(LossAggregation.TOKEN_MEAN).build();
    }

    /** Supervised warm start: three epochs at 1e-3, no replay. */
    public static LearnerConfig sft() {
        return ppo().toBuilder().algorithm(Algorithm.SFT).epochs(3).learningRate(1e-3f).replayEnabled(false).build();
    }

    /** The preset of an algorithm. */
    public static LearnerConfig preset(Algorithm algorithm) {
        return switch (algorithm) {
            case SFT -> sft();
            case PPO -> ppo();
            case GRPO -> grpo();
            case OREO -> oreo();
            case RS_SFT -> rsSft();
        };
    }

    /** Trajectories one update waits for: PPO's batch, or GRPO's groups times G. */
    public int trajectoriesPerUpdate() {
        return algorithm.trainsOnGroups() ? groupsPerBatch * groupSize : batchEpisodes;
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void positive(String name, float x) {
        if (!(x > 0) || Float.isInfinite(x)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + x);
        }
    }

    private static void nonNegative(String name, float x) {
        if (!(x >= 0) || Float.isInfinite(x)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + x);
        }
    }

    private static void unit(String name, float x) {
        if (!(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + x);
        }
    }

    private static void atLeastOne(String name, int x) {
        if (x < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + x);
        }
    }

    /** Changes a few keys of a preset; {@link #build()} validates the result. */
    public static final class Builder {
        private Algorithm algorithm;
        private String policyName;
        private ModelPreset modelPreset;
        private long seed;
        private float learningRate;
        private float maxGradNorm;
        private int batchEpisodes;
        private int groupSize;
        private int groupsPerBatch;
        private int epochs;
        private int miniBatchSize;
        private float gamma;
        private float lambda;
        private float clipLow;
        private float clipHigh;
        private float valueClip;
        private float valueCoefficient;
        private float klCoefficient;
        private KlEstimator klEstimator;
        private float entropyCoefficient;
        private float temperature;
        private LossAggregation aggregation;
        private boolean whitenAdvantages;
        private GroupNormalisation groupNormalisation;
        private int maxStaleness;
        private int publishEvery;
        private int checkpointEvery;
        private boolean replayEnabled;
        private double replayRatio;
        private ReplayBufferConfig replayBuffer;
        private CandidateRules candidateRules;
        private int criticWarmupUpdates;
        private float oreoBeta;
        private float policyCoefficient;

        private Builder(LearnerConfig c) {
            algorithm = c.algorithm;
            policyName = c.policyName;
            modelPreset = c.modelPreset;
            seed = c.seed;
            learningRate = c.learningRate;
            maxGradNorm = c.maxGradNorm;
            batchEpisodes = c.batchEpisodes;
            groupSize = c.groupSize;
            groupsPerBatch = c.groupsPerBatch;
            epochs = c.epochs;
            miniBatchSize = c.miniBatchSize;
            gamma = c.gamma;
            lambda = c.lambda;
            clipLow = c.clipLow;
            clipHigh = c.clipHigh;
            valueClip = c.valueClip;
            valueCoefficient = c.valueCoefficient;
            klCoefficient = c.klCoefficient;
            klEstimator = c.klEstimator;
            entropyCoefficient = c.entropyCoefficient;
            temperature = c.temperature;
            aggregation = c.aggregation;
            whitenAdvantages = c.whitenAdvantages;
            groupNormalisation = c.groupNormalisation;
            maxStaleness = c.maxStaleness;
            publishEvery = c.publishEvery;
            checkpointEvery = c.checkpointEvery;
            replayEnabled = c.replayEnabled;
            replayRatio = c.replayRatio;
            replayBuffer = c.replayBuffer;
            candidateRules = c.candidateRules;
            criticWarmupUpdates = c.criticWarmupUpdates;
            oreoBeta = c.oreoBeta;
            policyCoefficient = c.policyCoefficient;
        }

        public Builder algorithm(Algorithm v) { algorithm = v; return this; }
        public Builder policyName(String v) { policyName = v; return this; }
        public Builder modelPreset(ModelPreset v) { modelPreset = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder learningRate(float v) { learningRate = v; return this; }
        public Builder maxGradNorm(float v) { maxGradNorm = v; return this; }
        public Builder batchEpisodes(int v) { batchEpisodes = v; return this; }
        public Builder groupSize(int v) { groupSize = v; return this; }
        public Builder groupsPerBatch(int v) { groupsPerBatch = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder miniBatchSize(int v) { miniBatchSize = v; return this; }
        public Builder gamma(float v) { gamma = v; return this; }
        public Builder lambda(float v) { lambda = v; return this; }
        public Builder clipLow(float v) { clipLow = v; return this; }
        public Builder clipHigh(float v) { clipHigh = v; return this; }
        public Builder valueClip(float v) { valueClip = v; return this; }
        public Builder valueCoefficient(float v) { valueCoefficient = v; return this; }
        public Builder klCoefficient(float v) { klCoefficient = v; return this; }
        public Builder klEstimator(KlEstimator v) { klEstimator = v; return this; }
        public Builder entropyCoefficient(float v) { entropyCoefficient = v; return this; }
        public Builder temperature(float v) { temperature = v; return this; }
        public Builder aggregation(LossAggregation v) { aggregation = v; return this; }
        public Builder whitenAdvantages(boolean v) { whitenAdvantages = v; return this; }
        public Builder groupNormalisation(GroupNormalisation v) { groupNormalisation = v; return this; }
        public Builder maxStaleness(int v) { maxStaleness = v; return this; }
        public Builder publishEvery(int v) { publishEvery = v; return this; }
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder replayEnabled(boolean v) { replayEnabled = v; return this; }
        public Builder replayRatio(double v) { replayRatio = v; return this; }
        public Builder replayBuffer(ReplayBufferConfig v) { replayBuffer = v; return this; }
        public Builder candidateRules(CandidateRules v) { candidateRules = v; return this; }
        /** The rules set so far, so one of their fields can be changed. */
        public CandidateRules candidateRules() { return candidateRules; }
        public Builder criticWarmupUpdates(int v) { criticWarmupUpdates = v; return this; }
        public Builder oreoBeta(float v) { oreoBeta = v; return this; }
        public Builder policyCoefficient(float v) { policyCoefficient = v; return this; }

        /** The validated record. */
        public LearnerConfig build() {
            return new LearnerConfig(algorithm, policyName, modelPreset, seed, learningRate, maxGradNorm,
                    batchEpisodes, groupSize, groupsPerBatch, epochs, miniBatchSize, gamma, lambda, clipLow,
                    clipHigh, valueClip, valueCoefficient, klCoefficient, klEstimator, entropyCoefficient,
                    temperature, aggregation, whitenAdvantages, groupNormalisation, maxStaleness, publishEvery,
                    checkpointEvery, replayEnabled, replayRatio, replayBuffer, candidateRules,
                    criticWarmupUpdates, oreoBeta, policyCoefficient);
        }
    }
}
