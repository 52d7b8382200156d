package io.rollstream.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

    private static final Schema OLD = SchemaBuilder.record("R").fields().requiredString("id").endRecord();
    /** Adds a field without default: old readers can read it (they ignore it), it cannot read old data. */
    private static final Schema ADDS_REQUIRED = SchemaBuilder.record("R").fields().requiredString("id")
            .requiredInt("n").endRecord();
    /** Adds a field with a default: readable both ways. */
    private static final Schema ADDS_DEFAULTED = SchemaBuilder.record("R").fields().requiredString("id")
            .name("n").type().intType().intDefault(0).endRecord();
    /** Drops a field without default: it reads old data, old readers cannot read it. */
    private static final Schema DROPS_ID = SchemaBuilder.record("R").fields().endRecord();

    @Test
    void shouldApplyEachDirectionTheLevelNames() {
        List<Schema> existing = List.of(OLD);

        assertFalse(CompatibilityChecker.check(CompatibilityLevel.BACKWARD, ADDS_REQUIRED, existing).isEmpty());
        assertTrue(CompatibilityChecker.check(CompatibilityLevel.FORWARD, ADDS_REQUIRED, existing).isEmpty());
        assertTrue(CompatibilityChecker.check(CompatibilityLevel.BACKWARD, DROPS_ID, existing).isEmpty());
        assertFalse(CompatibilityChecker.check(CompatibilityLevel.FORWARD, DROPS_ID, existing).isEmpty());
        assertFalse(CompatibilityChecker.check(CompatibilityLevel.FULL, ADDS_REQUIRED, existing).isEmpty());
        assertFalse(CompatibilityChecker.check(CompatibilityLevel.FULL, DROPS_ID, existing).isEmpty());
        assertTrue(CompatibilityChecker.check(CompatibilityLevel.FULL, ADDS_DEFAULTED, existing).isEmpty());
        assertTrue(CompatibilityChecker.check(CompatibilityLevel.NONE, ADDS_REQUIRED, existing).isEmpty());
        assertTrue(CompatibilityChecker.check(CompatibilityLevel.FULL_TRANSITIVE, ADDS_REQUIRED, List.of()).isEmpty());
    }

    @Test
    void shouldSayWhichFieldWhichSchemaAndWhichLevel() {
        List<String> messages = CompatibilityChecker.check(CompatibilityLevel.FORWARD_TRANSITIVE, DROPS_ID,
                List.of(OLD, ADDS_DEFAULTED));

        assertEquals(3, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("schema 2 of 2 cannot read data written with the new schema"),
                messages.get(0));
        assertTrue(messages.get(0).contains("READER_FIELD_MISSING_DEFAULT_VALUE") && messages.get(0).contains("id"),
                messages.get(0));
        assertTrue(messages.get(1).startsWith("schema 1 of 2"), messages.get(1));
        assertEquals("compatibility: FORWARD_TRANSITIVE", messages.get(2));
    }

    @Test
    void shouldParseLevelsIgnoringCaseAndListTheOptionsOtherwise() {
        assertEquals(CompatibilityLevel.FULL_TRANSITIVE, CompatibilityLevel.parse(" full_transitive "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompatibilityLevel.parse("sideways"));
        assertTrue(e.getMessage().contains("sideways"), e.getMessage());
        assertTrue(e.getMessage().contains(
                "NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CompatibilityLevel.parse(null));
    }
}
