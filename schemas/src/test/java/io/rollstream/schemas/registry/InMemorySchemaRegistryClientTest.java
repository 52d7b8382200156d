package io.rollstream.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

    private static final Schema V1 = SchemaBuilder.record("Score").namespace("test").fields()
            .requiredString("id").endRecord();
    private static final Schema V2_DEFAULTED = SchemaBuilder.record("Score").namespace("test").fields()
            .requiredString("id").name("points").type().intType().intDefault(0).endRecord();
    private static final Schema V2_REQUIRED = SchemaBuilder.record("Score").namespace("test").fields()
            .requiredString("id").requiredInt("points").endRecord();

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldAcceptACompatibleVersionWithANewIdAndVersion() {
        int first = registry.register("s-value", V1);
        int second = registry.register("s-value", V2_DEFAULTED);

        assertNotEquals(first, second);
        assertEquals(List.of(1, 2), registry.versions("s-value"));
        assertEquals(new RegisteredSchema("s-value", 2, second, V2_DEFAULTED), registry.latest("s-value"));
        assertEquals(new RegisteredSchema("s-value", 1, first, V1), registry.version("s-value", 1));
        assertEquals(V2_DEFAULTED, registry.schemaById(second));
    }

    @Test
    void shouldRefuseAnIncompatibleVersionWith409AndTheReason() {
        registry.register("s-value", V1);

        RegistryException e = assertThrows(RegistryException.class, () -> registry.register("s-value", V2_REQUIRED));

        assertEquals(409, e.httpStatus());
        assertEquals(RegistryException.INCOMPATIBLE_SCHEMA, e.errorCode());
        assertTrue(e.getMessage().contains("READER_FIELD_MISSING_DEFAULT_VALUE"), e.getMessage());
        assertTrue(e.getMessage().contains("points") && e.getMessage().contains("s-value"), e.getMessage());
        assertEquals(List.of(1), registry.versions("s-value"));
    }

    @Test
    void shouldReturnTheSameIdForTheSameSchemaWithoutANewVersion() {
        int first = registry.register("s-value", V1);
        int again = registry.register("s-value", new Schema.Parser().parse(V1.toString()));
        int elsewhere = registry.register("other-value", V1);

        assertEquals(first, again);
        assertEquals(first, elsewhere);
        assertEquals(List.of(1), registry.versions("s-value"));
        assertEquals(List.of("other-value", "s-value"), registry.subjects());
    }

    @Test
    void shouldLookUpIdsAndAnswerNotFoundWithConfluentCodes() {
        int id = registry.register("s-value", V1);

        assertEquals(id, registry.lookupId("s-value", V1));
        assertEquals(RegistryException.SUBJECT_NOT_FOUND,
                assertThrows(RegistryException.class, () -> registry.lookupId("missing", V1)).errorCode());
        assertEquals(RegistryException.SCHEMA_NOT_FOUND,
                assertThrows(RegistryException.class, () -> registry.lookupId("s-value", V2_DEFAULTED)).errorCode());
        assertEquals(RegistryException.SCHEMA_NOT_FOUND,
                assertThrows(RegistryException.class, () -> registry.schemaById(999)).errorCode());
        assertEquals(RegistryException.VERSION_NOT_FOUND,
                assertThrows(RegistryException.class, () -> registry.version("s-value", 2)).errorCode());
        RegistryException missing = assertThrows(RegistryException.class, () -> registry.latest("missing"));
        assertEquals(404, missing.httpStatus());
        assertEquals(RegistryException.SUBJECT_NOT_FOUND, missing.errorCode());
    }

    @Test
    void shouldTestCompatibilityWithoutRegistering() {
        assertTrue(registry.testCompatibility("new-subject", V2_REQUIRED).compatible());
        registry.register("s-value", V1);

        CompatibilityResult bad = registry.testCompatibility("s-value", V2_REQUIRED);
        CompatibilityResult good = registry.testCompatibility("s-value", V2_DEFAULTED);

        assertFalse(bad.compatible());
        assertTrue(bad.messages().stream().anyMatch(m -> m.contains("points")), bad.messages().toString());
        assertTrue(good.compatible());
        assertEquals(List.of(), good.messages());
        assertEquals(List.of(1), registry.versions("s-value"));
    }

    @Test
    void shouldApplySubjectLevelOverGlobalCompatibility() {
        assertEquals("BACKWARD", registry.compatibility(null));
        registry.setCompatibility("s-value", "none");
        registry.register("s-value", V1);

        assertEquals("NONE", registry.compatibility("s-value"));
        assertEquals("BACKWARD", registry.compatibility("t-value"));
        registry.register("s-value", V2_REQUIRED);
        assertEquals(List.of(1, 2), registry.versions("s-value"));
    }

    @Test
    void shouldCheckOnlyTheLatestVersionUnlessTransitive() {
        Schema a = SchemaBuilder.record("R").fields().requiredInt("a").endRecord();
        Schema aAndDefaultedB = SchemaBuilder.record("R").fields().requiredInt("a")
                .name("b").type().intType().intDefault(0).endRecord();
        // Reads version 2 (b is there) but not version 1 (b is missing and has no default here).
        Schema onlyRequiredB = SchemaBuilder.record("R").fields().requiredInt("b").endRecord();
        registry.setCompatibility("plain", "BACKWARD");
        registry.setCompatibility("transitive", "BACKWARD_TRANSITIVE");
        for (String subject : List.of("plain", "transitive")) {
            registry.register(subject, a);
            registry.register(subject, aAndDefaultedB);
        }

        registry.register("plain", onlyRequiredB);
        RegistryException e = assertThrows(RegistryException.class, () -> registry.register("transitive", onlyRequiredB));

        assertEquals(List.of(1, 2, 3), registry.versions("plain"));
        assertEquals(List.of(1, 2), registry.versions("transitive"));
        assertTrue(e.getMessage().contains("schema 1 of 2"), e.getMessage());
        assertFalse(e.getMessage().contains("schema 2 of 2"), e.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownCompatibilityLevelWith42203ListingTheOptions() {
        RegistryException e = assertThrows(RegistryException.class, () -> registry.setCompatibility(null, "SIDEWAYS"));

        assertEquals(422, e.httpStatus());
        assertEquals(RegistryException.INVALID_COMPATIBILITY_LEVEL, e.errorCode());
        assertTrue(e.getMessage().contains("FULL_TRANSITIVE"), e.getMessage());
        assertEquals("BACKWARD", registry.compatibility(null));
    }
}
