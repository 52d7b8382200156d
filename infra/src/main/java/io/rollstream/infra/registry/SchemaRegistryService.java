package io.rollstream.infra.registry;

import io.rollstream.infra.registry.StoreRecord.ConfigChange;
import io.rollstream.infra.registry.StoreRecord.SchemaProposal;
import io.rollstream.schemas.registry.CompatibilityChecker;
import io.rollstream.schemas.registry.CompatibilityLevel;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's operations with Confluent's semantics, on top of the replicated {@link RegistryState}; every
 * refusal is a {@link RegistryError} carrying Confluent's status and error code.
 */
final class SchemaRegistryService {

    /** Proposals lost to concurrent registrations on the same subject before giving up. */
    private static final int MAX_PROPOSALS = 10;
    private static final String LATEST = "latest";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryService.class);

    private final RegistryState state;
    private final SchemaLog log;

    SchemaRegistryService(RegistryState state, SchemaLog log) {
        this.state = state;
        this.log = log;
    }

    /** A compatibility verdict with one message per problem found. */
    record Verdict(boolean compatible, List<String> messages) {
        Verdict {
            messages = List.copyOf(messages);
        }
    }

    /** Registers the schema under the subject (or finds it there) and returns its id. */
    int register(String subject, String schemaText, String schemaType) {
        checkType(schemaType);
        Schema schema = parse(schemaText);
        String canonical = schema.toString();
        for (int attempt = 0; attempt < MAX_PROPOSALS; attempt++) {
            Optional<Registration> existing = state.find(subject, canonical);
            if (existing.isPresent()) {
                return existing.get().id();
            }
            List<Registration> versions = state.versions(subject);
            List<String> problems = CompatibilityChecker.check(state.effectiveLevel(subject), schema,
                    versions.stream().map(r -> parse(r.schema())).toList());
            if (!problems.isEmpty()) {
                throw RegistryError.incompatible(subject, problems);
            }
            Optional<Registration> outcome = guarded(() -> log.propose(new SchemaProposal(
                    UUID.randomUUID().toString(), subject, versions.size() + 1, canonical)));
            if (outcome.isPresent()) {
                return outcome.get().id();
            }
            // Another instance registered a version first: check compatibility again against the new latest.
            LOG.debug("proposal for version {} of '{}' lost to an earlier record; retrying", versions.size() + 1,
                    subject);
        }
        throw RegistryError.storeError("gave up registering under '" + subject + "' after " + MAX_PROPOSALS
                + " concurrent registrations took the next version first");
    }

    /** Finds the registration of the schema under the subject. */
    Registration lookup(String subject, String schemaText, String schemaType) {
        checkType(schemaType);
        String canonical = parse(schemaText).toString();
        if (state.versions(subject).isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return state.find(subject, canonical).orElseThrow(() -> RegistryError.schemaNotFound("Schema not found"));
    }

    String schemaById(String idText) {
        int id;
        try {
            id = Integer.parseInt(idText);
        } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound("Schema " + idText + " not found");
        }
        return state.schemaById(id).orElseThrow(() -> RegistryError.schemaNotFound("Schema " + id + " not found"));
    }

    List<String> subjects() {
        return state.subjects();
    }

    List<Integer> versions(String subject) {
        return existingVersions(subject).stream().map(Registration::version).toList();
    }

    Registration version(String subject, String versionText) {
        List<Registration> versions = existingVersions(subject);
        int version = parseVersion(versionText, versions);
        if (version > versions.size()) {
            throw RegistryError.versionNotFound(version);
        }
        return versions.get(version - 1);
    }

    /**
     * Tests a schema against one version of a subject or, for {@code latest}, against the versions its level
     * covers (all of them for the transitive levels).
     */
    Verdict checkCompatibility(String subject, String versionText, String schemaText, String schemaType) {
        checkType(schemaType);
        Schema candidate = parse(schemaText);
        List<Registration> versions = existingVersions(subject);
        List<Registration> against = LATEST.equals(versionText) ? versions
                : List.of(version(subject, versionText));
        List<String> problems = CompatibilityChecker.check(state.effectiveLevel(subject), candidate,
                against.stream().map(r -> parse(r.schema())).toList());
        return new Verdict(problems.isEmpty(), problems);
    }

    CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    /** The subject's own level, or the global one when asked to fall back. */
    CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        Optional<CompatibilityLevel> own = state.subjectLevel(subject);
        if (own.isPresent()) {
            return own.get();
        }
        if (defaultToGlobal) {
            return state.globalLevel();
        }
        throw RegistryError.subjectLevelNotConfigured(subject);
    }

    CompatibilityLevel setLevel(Optional<String> subject, String levelName) {
        CompatibilityLevel level;
        try {
            level = CompatibilityLevel.parse(levelName);
        } catch (IllegalArgumentException e) {
            throw RegistryError.invalidCompatibilityLevel();
        }
        guarded(() -> {
            log.write(new ConfigChange(subject, level));
            return null;
        });
        return level;
    }

    private List<Registration> existingVersions(String subject) {
        List<Registration> versions = state.versions(subject);
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions;
    }

    private static int parseVersion(String text, List<Registration> versions) {
        if (LATEST.equals(text)) {
            return versions.size();
        }
        int version;
        try {
            version = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryError.invalidVersion(text);
        }
        if (version == -1) {
            return versions.size();
        }
        if (version < 1) {
            throw RegistryError.invalidVersion(text);
        }
        return version;
    }

    private static void checkType(String schemaType) {
        if (schemaType != null && !StoreRecordCodec.SCHEMA_TYPE_AVRO.equals(schemaType)) {
            throw RegistryError.invalidSchema("schema type " + schemaType + " is not supported; this registry"
                    + " stores AVRO schemas only");
        }
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.invalidSchema("the request has no \"schema\"");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (RuntimeException e) {
            // SchemaParseException for most problems, but Avro also throws others (e.g. AvroTypeException).
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }

    private static <T> T guarded(Supplier<T> write) {
        try {
            return write.get();
        } catch (SchemaLog.StoreTimeoutException e) {
            throw RegistryError.storeTimeout(e.getMessage());
        } catch (SchemaLog.StoreException e) {
            throw RegistryError.storeError(e.getMessage());
        }
    }
}
