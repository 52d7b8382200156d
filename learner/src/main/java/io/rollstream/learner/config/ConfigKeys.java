package io.rollstream.learner.config;

import io.rollstream.policy.model.ModelPreset;

import io.rollstream.learner.algo.GroupNormalisation;
import io.rollstream.learner.algo.KlEstimator;
import io.rollstream.learner.algo.LossAggregation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Sets {@link LearnerConfig} keys from text ({@code key=value}), for command lines and child processes. The key
 * names are the record's component names, and {@code replayValueThreshold}, {@code replayMaxPerEpisode} and
 * {@code replayTopFraction} the candidate rules' fields; a bad key or value fails naming the key and what it accepts.
 */
public final class ConfigKeys {

    private static final Map<String, BiConsumer<LearnerConfig.Builder, String>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("policyName", LearnerConfig.Builder::policyName);
        KEYS.put("modelPreset", (b, v) -> b.modelPreset(ModelPreset.parse(v)));
        KEYS.put("seed", (b, v) -> b.seed(Long.parseLong(v)));
        KEYS.put("learningRate", (b, v) -> b.learningRate(Float.parseFloat(v)));
        KEYS.put("maxGradNorm", (b, v) -> b.maxGradNorm(Float.parseFloat(v)));
        KEYS.put("batchEpisodes", (b, v) -> b.batchEpisodes(Integer.parseInt(v)));
        KEYS.put("groupSize", (b, v) -> b.groupSize(Integer.parseInt(v)));
        KEYS.put("groupsPerBatch", (b, v) -> b.groupsPerBatch(Integer.parseInt(v)));
        KEYS.put("epochs", (b, v) -> b.epochs(Integer.parseInt(v)));
        KEYS.put("miniBatchSize", (b, v) -> b.miniBatchSize(Integer.parseInt(v)));
        KEYS.put("gamma", (b, v) -> b.gamma(Float.parseFloat(v)));
        KEYS.put("lambda", (b, v) -> b.lambda(Float.parseFloat(v)));
        KEYS.put("clipLow", (b, v) -> b.clipLow(Float.parseFloat(v)));
        KEYS.put("clipHigh", (b, v) -> b.clipHigh(Float.parseFloat(v)));
        KEYS.put("valueClip", (b, v) -> b.valueClip(Float.parseFloat(v)));
        KEYS.put("valueCoefficient", (b, v) -> b.valueCoefficient(Float.parseFloat(v)));
        KEYS.put("klCoefficient", (b, v) -> b.klCoefficient(Float.parseFloat(v)));
        KEYS.put("klEstimator", (b, v) -> b.klEstimator(KlEstimator.parse(v)));
        KEYS.put("entropyCoefficient", (b, v) -> b.entropyCoefficient(Float.parseFloat(v)));
        KEYS.put("temperature", (b, v) -> b.temperature(Float.parseFloat(v)));
        KEYS.put("aggregation", (b, v) -> b.aggregation(LossAggregation.parse(v)));
        KEYS.put("whitenAdvantages", (b, v) -> b.whitenAdvantages(bool(v)));
        KEYS.put("groupNormalisation", (b, v) -> b.groupNormalisation(GroupNormalisation.parse(v)));
        KEYS.put("maxStaleness", (b, v) -> b.maxStaleness(Integer.parseInt(v)));
        KEYS.put("publishEvery", (b, v) -> b.publishEvery(Integer.parseInt(v)));
        KEYS.put("checkpointEvery", (b, v) -> b.checkpointEvery(Integer.parseInt(v)));
        KEYS.put("replayEnabled", (b, v) -> b.replayEnabled(bool(v)));
        KEYS.put("replayRatio", (b, v) -> b.replayRatio(Double.parseDouble(v)));
        KEYS.put("replayValueThreshold", (b, v) -> b.candidateRules(b.candidateRules().withValueThreshold(
                Float.parseFloat(v))));
        KEYS.put("replayMaxPerEpisode", (b, v) -> b.candidateRules(b.candidateRules().withMaxPerEpisode(
                Integer.parseInt(v))));
        KEYS.put("replayTopFraction", (b, v) -> b.candidateRules(b.candidateRules().withTopFraction(
                Double.parseDouble(v))));
        KEYS.put("criticWarmupUpdates", (b, v) -> b.criticWarmupUpdates(Integer.parseInt(v)));
        KEYS.put("oreoBeta", (b, v) -> b.oreoBeta(Float.parseFloat(v)));
        KEYS.put("policyCoefficient", (b, v) -> b.policyCoefficient(Float.parseFloat(v)));
    }

    private ConfigKeys() {
    }

    /** Applies one {@code key=value}. */
    public static void apply(LearnerConfig.Builder builder, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected key=value, got '" + assignment + "'");
        }
        String key = assignment.substring(0, eq).trim();
        String value = assignment.substring(eq + 1).trim();
        BiConsumer<LearnerConfig.Builder, String> setter = KEYS.get(key);
        if (setter == null) {
            throw new IllegalArgumentException("unknown learner key '" + key + "'; expected one of: " + KEYS.keySet());
        }
        try {
            setter.accept(builder, value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("learner key '" + key + "' needs a number, got '" + value + "'");
        }
    }

    private static boolean bool(String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("expected true or false, got '" + v + "'");
    }
}
