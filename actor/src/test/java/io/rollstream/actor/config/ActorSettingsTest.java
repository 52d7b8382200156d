package io.rollstream.actor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.policy.model.DeviceChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActorSettingsTest {

    @Test
    void shouldUseDocumentedDefaultsWhenNothingIsSet() {
        ActorConfig config = ActorSettings.parse(List.of(), Map.of());
        assertEquals("rollstream-actors-default", config.groupId(), "each policy's actors in a group of their own");
        assertEquals("default", config.policyName());
        assertEquals(1.0f, config.temperature());
        assertEquals(1.0f, config.topP());
        assertEquals(DeviceChoice.AUTO, config.device());
        assertEquals("rollstream-actor-actor-1", config.transactionalId());
    }

    @Test
    void shouldLetFlagsOverrideEnvironmentVariables() {
        ActorConfig config = ActorSettings.parse(
                List.of("--actor-id", "a7", "--batch-size=4", "--device", "cpu"),
                Map.of("ROLLSTREAM_ACTOR_ID", "from-env", "ROLLSTREAM_WEIGHTS_DIR", "/tmp/w",
                        "ROLLSTREAM_ACTOR_MAX_NEW_TOKENS", "8", "ROLLSTREAM_ACTOR_MAX_BATCH_WAIT_MS", "250"));
        assertEquals("a7", config.actorId());
        assertEquals(4, config.batchSize());
        assertEquals(DeviceChoice.CPU, config.device());
        assertEquals(Path.of("/tmp/w"), config.weightsDir());
        assertEquals(8, config.maxNewTokens());
        assertEquals(Duration.ofMillis(250), config.maxBatchWait());
    }

    @Test
    void shouldNameTheKeyWhenAValueHasTheWrongType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActorSettings.parse(List.of("--batch-size", "many"), Map.of()));
        assertEquals("--batch-size expects an integer, got 'many'", e.getMessage());
    }

    @Test
    void shouldRejectUnknownFlagsListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActorSettings.parse(List.of("--batchsize", "3"), Map.of()));
        assertTrue(e.getMessage().contains("--batch-size"), e.getMessage());
    }

    @Test
    void shouldRejectAnUnknownDeviceListingTheOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActorSettings.parse(List.of("--device", "tpu"), Map.of()));
        assertTrue(e.getMessage().startsWith("--device"), e.getMessage());
        assertTrue(e.getMessage().contains("CPU"), e.getMessage());
    }
}
