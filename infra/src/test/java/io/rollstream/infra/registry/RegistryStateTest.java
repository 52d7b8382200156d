package io.rollstream.infra.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rollstream.infra.registry.StoreRecord.ConfigChange;
import io.rollstream.infra.registry.StoreRecord.SchemaProposal;
import io.rollstream.schemas.registry.CompatibilityLevel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryStateTest {

    private static final String A = "{\"type\":\"string\"}";
    private static final String B = "{\"type\":\"int\"}";
    private static final String C = "{\"type\":\"long\"}";

    @Test
    void shouldAssignIdsAsMaxPlusOneInLogOrderAndReuseTheIdOfAnEqualSchema() {
        RegistryState state = new RegistryState();
        assertEquals(Optional.of(new Registration("s", 1, 1, A)), state.apply(new SchemaProposal("p1", "s", 1, A)));
        assertEquals(Optional.of(new Registration("s", 2, 2, B)), state.apply(new SchemaProposal("p2", "s", 2, B)));
        assertEquals(Optional.of(new Registration("t", 1, 2, B)), state.apply(new SchemaProposal("p3", "t", 1, B)));
        assertEquals(Optional.of(new Registration("t", 2, 3, C)), state.apply(new SchemaProposal("p4", "t", 2, C)));
        assertEquals(List.of("s", "t"), state.subjects());
        assertEquals(Optional.of(C), state.schemaById(3));
    }

    @Test
    void shouldLetTheEarlierRecordWinWhenTwoProposalsClaimTheSameVersion() {
        RegistryState state = new RegistryState();
        state.apply(new SchemaProposal("p1", "s", 1, A));
        assertEquals(Optional.of(new Registration("s", 2, 2, B)), state.apply(new SchemaProposal("first", "s", 2, B)));
        assertEquals(Optional.empty(), state.apply(new SchemaProposal("second", "s", 2, C)));
        assertEquals(2, state.versions("s").size());
        assertEquals(Optional.empty(), state.schemaById(3), "a losing proposal consumes no id");
    }

    @Test
    void shouldAnswerADuplicateProposalWithTheExistingRegistration() {
        RegistryState state = new RegistryState();
        state.apply(new SchemaProposal("p1", "s", 1, A));
        assertEquals(Optional.of(new Registration("s", 1, 1, A)), state.apply(new SchemaProposal("p2", "s", 1, A)));
        assertEquals(Optional.of(new Registration("s", 1, 1, A)), state.apply(new SchemaProposal("p3", "s", 2, A)));
        assertEquals(1, state.versions("s").size());
    }

    @Test
    void shouldRejectAProposalThatSkipsAVersionWithoutCreatingTheSubject() {
        RegistryState state = new RegistryState();
        assertEquals(Optional.empty(), state.apply(new SchemaProposal("p1", "s", 2, A)));
        assertEquals(List.of(), state.subjects());
    }

    @Test
    void shouldFallBackFromSubjectLevelToGlobalLevelToBackward() {
        RegistryState state = new RegistryState();
        assertEquals(CompatibilityLevel.BACKWARD, state.effectiveLevel("s"));
        state.apply(new ConfigChange(Optional.empty(), CompatibilityLevel.FULL));
        assertEquals(CompatibilityLevel.FULL, state.effectiveLevel("s"));
        state.apply(new ConfigChange(Optional.of("s"), CompatibilityLevel.NONE));
        assertEquals(CompatibilityLevel.NONE, state.effectiveLevel("s"));
        assertEquals(CompatibilityLevel.FULL, state.effectiveLevel("t"));
    }

    @Test
    void shouldRoundTripRecordsThroughTheTopicFormat() {
        for (StoreRecord record : List.of(new SchemaProposal("p", "s-value", 3, A),
                new ConfigChange(Optional.of("s-value"), CompatibilityLevel.FORWARD_TRANSITIVE),
                new ConfigChange(Optional.empty(), CompatibilityLevel.NONE))) {
            StoreRecordCodec.Encoded encoded = StoreRecordCodec.encode(record);
            assertEquals(Optional.of(record), StoreRecordCodec.decode(encoded.key(), encoded.value()));
        }
        assertEquals("{\"keytype\":\"CONFIG\"}",
                StoreRecordCodec.encode(new ConfigChange(Optional.empty(), CompatibilityLevel.NONE)).key());
        assertEquals(Optional.empty(), StoreRecordCodec.decode("{\"keytype\":\"NOOP\"}", "{}"));
        assertThrows(IllegalArgumentException.class, () -> StoreRecordCodec.decode("not json", "{}"));
    }
}
