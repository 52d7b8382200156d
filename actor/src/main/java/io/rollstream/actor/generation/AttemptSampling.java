package io.rollstream.actor.generation;

import io.rollstream.actor.config.ActorConfig;
import io.rollstream.schemas.avro.Prompt;

/**
 * The sampling settings one attempt gets: the actor's defaults, overridden by the prompt's temperature (0 =
 * greedy) and by its token limit when positive, then capped by what is left of the episode's token budget.
 */
public record AttemptSampling(float temperature, float topP, int maxNewTokens) {

    public AttemptSampling {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be positive, got " + maxNewTokens);
        }
    }

    /**
     * Settings for {@code prompt}. A negative or non-finite temperature in a prompt is not a valid request,
     * so it falls back to the actor's default rather than failing the whole batch. An exhausted budget still
     * allows one token: the grader closes such episodes, so this only bounds a prompt that slipped through.
     */
    public static AttemptSampling of(Prompt prompt, ActorConfig config) {
        float temperature = config.temperature();
        Float requested = prompt.getTemperature();
        if (requested != null && requested >= 0 && Float.isFinite(requested)) {
            temperature = requested;
        }
        int limit = prompt.getMaxNewTokens() > 0 ? prompt.getMaxNewTokens() : config.maxNewTokens();
        if (prompt.getTokenBudget() > 0) {
            int left = prompt.getTokenBudget() - Math.max(0, prompt.getTokensUsed());
            limit = Math.min(limit, Math.max(1, left));
        }
        return new AttemptSampling(temperature, config.topP(), limit);
    }
}
