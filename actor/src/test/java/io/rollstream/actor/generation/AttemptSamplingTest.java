package io.rollstream.actor.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollstream.actor.config.ActorConfig;
import io.rollstream.actor.support.Prompts;
import org.junit.jupiter.api.Test;

class AttemptSamplingTest {

    private final ActorConfig config = ActorConfig.builder().temperature(0.7f).topP(0.9f).maxNewTokens(100).build();

    @Test
    void shouldUseTheActorDefaultsWhenThePromptOverridesNothing() {
        assertEquals(new AttemptSampling(0.7f, 0.9f, 100),
                AttemptSampling.of(Prompts.fresh("e", "q").build(), config));
    }

    @Test
    void shouldTakeThePromptTemperatureIncludingGreedyZero() {
        assertEquals(0f, AttemptSampling.of(Prompts.fresh("e", "q").setTemperature(0f).build(), config).temperature());
        assertEquals(1.3f,
                AttemptSampling.of(Prompts.fresh("e", "q").setTemperature(1.3f).build(), config).temperature());
    }

    @Test
    void shouldIgnoreAnInvalidPromptTemperature() {
        assertEquals(0.7f,
                AttemptSampling.of(Prompts.fresh("e", "q").setTemperature(-1f).build(), config).temperature());
    }

    @Test
    void shouldTakeAPositivePromptTokenLimitAndCapItByTheEpisodeBudgetLeft() {
        assertEquals(300, AttemptSampling.of(Prompts.fresh("e", "q").setMaxNewTokens(300).build(), config)
                .maxNewTokens());
        assertEquals(40, AttemptSampling.of(Prompts.fresh("e", "q").setTokenBudget(100).setTokensUsed(60).build(),
                config).maxNewTokens());
        assertEquals(1, AttemptSampling.of(Prompts.fresh("e", "q").setTokenBudget(100).setTokensUsed(100).build(),
                config).maxNewTokens());
    }
}
