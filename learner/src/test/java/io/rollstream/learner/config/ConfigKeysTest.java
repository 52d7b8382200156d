package io.rollstream.learner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.learner.replay.CandidateRules;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {

    @Test
    void shouldSetOneFieldOfTheCandidateRulesAndKeepTheOthers() {
        LearnerConfig.Builder b = LearnerConfig.ppo().toBuilder();
        ConfigKeys.apply(b, "replayTopFraction=0.25");
        ConfigKeys.apply(b, " replayMaxPerEpisode = 3 ");
        LearnerConfig c = b.build();
        assertEquals(new CandidateRules(CandidateRules.defaults().valueThreshold(), 3, 0.25), c.candidateRules());
        ConfigKeys.apply(b, "replayValueThreshold=-0.1");
        assertEquals(-0.1f, b.build().candidateRules().valueThreshold());
    }

    @Test
    void shouldNameTheKeyOfABadValueAndListTheKeysForAnUnknownOne() {
        LearnerConfig.Builder b = LearnerConfig.ppo().toBuilder();
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> ConfigKeys.apply(b, "replayTopFraction=lots"));
        assertEquals("learner key 'replayTopFraction' needs a number, got 'lots'", number.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> ConfigKeys.apply(b, "replayTopFraction=2"));
        assertTrue(range.getMessage().contains("topFraction must be in [0, 1]"), range.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ConfigKeys.apply(b, "replayShare=0.1"));
        assertTrue(unknown.getMessage().contains("replayTopFraction"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigKeys.apply(b, "noEquals"));
    }
}
