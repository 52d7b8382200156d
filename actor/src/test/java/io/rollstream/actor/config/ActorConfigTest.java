package io.rollstream.actor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ActorConfigTest {

    private static void assertRejected(String key, UnaryOperator<ActorConfig.Builder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(ActorConfig.builder()).build());
        assertTrue(e.getMessage().startsWith(key), "message should name " + key + ": " + e.getMessage());
    }

    @Test
    void shouldAcceptTheDefaults() {
        assertDoesNotThrow(() -> ActorConfig.builder().build());
    }

    @Test
    void shouldRejectEachInvalidValueNamingItsKey() {
        assertRejected("bootstrapServers", b -> b.bootstrapServers(" "));
        assertRejected("schemaRegistryUrl", b -> b.schemaRegistryUrl("localhost:8081"));
        assertRejected("actorId", b -> b.actorId("actor one"));
        assertRejected("groupId", b -> b.groupId("not a group"));
        assertRejected("policyName", b -> b.policyName(""));
        assertRejected("batchSize", b -> b.batchSize(0));
        assertRejected("maxBatchWait", b -> b.maxBatchWait(Duration.ZERO));
        assertRejected("temperature", b -> b.temperature(-0.1f));
        assertRejected("temperature", b -> b.temperature(Float.NaN));
        assertRejected("topP", b -> b.topP(0f));
        assertRejected("topP", b -> b.topP(1.5f));
        assertRejected("maxNewTokens", b -> b.maxNewTokens(0));
        assertRejected("transactionalIdPrefix", b -> b.transactionalIdPrefix("a/b"));
        assertRejected("sessionTimeout", b -> b.sessionTimeout(Duration.ofSeconds(1)));
    }

    @Test
    void shouldAllowGreedyDefaultTemperature() {
        assertDoesNotThrow(() -> ActorConfig.builder().temperature(0f).build());
    }

    @Test
    void shouldGiveEachPolicyItsOwnConsumerGroupUnlessOneIsNamed() {
        assertEquals("rollstream-actors-alpha", ActorConfig.builder().policyName("alpha").build().groupId());
        assertEquals("rollstream-actors-beta", ActorConfig.builder().policyName("beta").build().groupId());
        assertEquals("one-group", ActorConfig.builder().policyName("alpha").groupId("one-group").build().groupId());
    }
}
