package io.rollstream.actor.loop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.actor.policy.LoadedPolicy;
import io.rollstream.actor.support.Prompts;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.Prompt;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Value-guided search is refused (dead-lettered) unless the serving version's value head was trained. */
class SearchRefusalTest {

    @Test
    void shouldRefuseSearchOnlyForAVersionWithoutATrainedCritic() {
        Prompt search = Prompts.fresh("s", "1+1").setDecoding(Decoding.VALUE_GUIDED_SEARCH).build();
        Prompt sample = Prompts.fresh("p", "1+1").build();
        CharTokenizer tokenizer = CharTokenizer.standard();
        try (LoadedPolicy warm = new LoadedPolicy("default", 1,
                        PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 1L), tokenizer, Instant.now(),
                        LoadedPolicy.trainsCritic("SFT"));
                LoadedPolicy oreo = new LoadedPolicy("default", 2,
                        PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 1L), tokenizer, Instant.now(),
                        LoadedPolicy.trainsCritic("OREO"))) {
            assertTrue(ActorService.refusesSearch(search, warm));
            assertFalse(ActorService.refusesSearch(sample, warm));
            assertFalse(ActorService.refusesSearch(search, oreo));
        }
        assertTrue(LoadedPolicy.trainsCritic("PPO"));
        assertFalse(LoadedPolicy.trainsCritic("GRPO"));
        assertFalse(LoadedPolicy.trainsCritic("RS_SFT"));
    }
}
