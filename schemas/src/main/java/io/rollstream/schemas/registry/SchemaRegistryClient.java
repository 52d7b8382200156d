package io.rollstream.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The part of the Confluent schema registry API the Avro serde and the tools use. Every method throws
 * {@link RegistryException} when the registry refuses the request or cannot be reached.
 */
public interface SchemaRegistryClient {

    /**
     * Registers a schema under a subject ({@code POST /subjects/{subject}/versions}); registering a
     * schema the subject already has returns its id without a new version.
     *
     * @return the global schema id
     * @throws RegistryException with error code {@link RegistryException#INCOMPATIBLE_SCHEMA} when the
     *                           subject's compatibility level refuses it
     */
    int register(String subject, Schema schema);

    /**
     * Finds the id of a schema already registered under a subject ({@code POST /subjects/{subject}}).
     *
     * @throws RegistryException 40401 when the subject does not exist, 40403 when it lacks the schema
     */
    int lookupId(String subject, Schema schema);

    /**
     * The schema with a global id ({@code GET /schemas/ids/{id}}).
     *
     * @throws RegistryException 40403 when no schema has that id
     */
    Schema schemaById(int id);

    /** The latest version of a subject ({@code GET /subjects/{subject}/versions/latest}). */
    RegisteredSchema latest(String subject);

    /** One version of a subject ({@code GET /subjects/{subject}/versions/{version}}). */
    RegisteredSchema version(String subject, int version);

    /** The versions of a subject, ascending ({@code GET /subjects/{subject}/versions}). */
    List<Integer> versions(String subject);

    /** Every subject with at least one version ({@code GET /subjects}). */
    List<String> subjects();

    /**
     * Tests a schema against the subject under its compatibility level without registering it
     * ({@code POST /compatibility/subjects/{subject}/versions/latest}); a subject without versions
     * accepts anything.
     */
    CompatibilityResult testCompatibility(String subject, Schema schema);

    /**
     * The compatibility level in force ({@code GET /config} or {@code GET /config/{subject}}): the
     * subject's own level, or the global one when the subject has none or {@code subject} is null.
     */
    String compatibility(String subjectOrNullForGlobal);

    /**
     * Sets the compatibility level of a subject, or the global level when {@code subject} is null
     * ({@code PUT /config[/{subject}]}).
     *
     * @throws RegistryException 42203 when the level is not a known name
     */
    void setCompatibility(String subjectOrNullForGlobal, String level);
}
