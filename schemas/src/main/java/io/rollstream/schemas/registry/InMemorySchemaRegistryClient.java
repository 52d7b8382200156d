package io.rollstream.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * A complete schema registry held in memory, for tests and single-process runs: global ids shared by
 * identical schemas across subjects, per-subject versions, and compatibility enforced on register
 * with the same rule and error codes as the HTTP registry.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private record Version(int version, int id) {
    }

    private final Map<String, Integer> idsByCanonicalText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Version>> versionsBySubject = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int nextId = 1;

    /** A registry whose global compatibility level is BACKWARD, Confluent's default. */
    public InMemorySchemaRegistryClient() {
        this(CompatibilityLevel.BACKWARD);
    }

    /** A registry with the given global compatibility level. */
    public InMemorySchemaRegistryClient(CompatibilityLevel globalLevel) {
        this.globalLevel = Objects.requireNonNull(globalLevel, "globalLevel");
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        requireSubject(subject);
        Objects.requireNonNull(schema, "schema");
        String text = schema.toString();
        Integer knownId = idsByCanonicalText.get(text);
        List<Version> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (knownId != null && versions.stream().anyMatch(v -> v.id() == knownId)) {
            return knownId;
        }
        List<String> problems = CompatibilityChecker.check(levelOf(subject), schema, schemasOf(versions));
        if (!problems.isEmpty()) {
            throw new RegistryException(409, RegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \""
                            + subject + "\", details: " + problems);
        }
        int id = knownId != null ? knownId : newId(text, schema);
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(new Version(version, id));
        return id;
    }

    @Override
    public synchronized int lookupId(String subject, Schema schema) {
        List<Version> versions = existingVersions(subject);
        Integer id = idsByCanonicalText.get(schema.toString());
        if (id == null || versions.stream().noneMatch(v -> v.id() == id)) {
            throw RegistryException.schemaNotFound("Schema not found under subject '" + subject + "'");
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryException.schemaNotFound("Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<Version> versions = existingVersions(subject);
        return toRegistered(subject, versions.get(versions.size() - 1));
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        return existingVersions(subject).stream()
                .filter(v -> v.version() == version)
                .findFirst()
                .map(v -> toRegistered(subject, v))
                .orElseThrow(() -> RegistryException.versionNotFound(subject, version));
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        return existingVersions(subject).stream().map(Version::version).toList();
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    @Override
    public synchronized CompatibilityResult testCompatibility(String subject, Schema schema) {
        requireSubject(subject);
        List<Version> versions = versionsBySubject.getOrDefault(subject, List.of());
        return CompatibilityResult.of(CompatibilityChecker.check(levelOf(subject), schema, schemasOf(versions)));
    }

    @Override
    public synchronized String compatibility(String subjectOrNullForGlobal) {
        return subjectOrNullForGlobal == null ? globalLevel.name() : levelOf(subjectOrNullForGlobal).name();
    }

    @Override
    public synchronized void setCompatibility(String subjectOrNullForGlobal, String level) {
        CompatibilityLevel parsed;
        try {
            parsed = CompatibilityLevel.parse(level);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(422, RegistryException.INVALID_COMPATIBILITY_LEVEL, e.getMessage(), e);
        }
        if (subjectOrNullForGlobal == null) {
            globalLevel = parsed;
        } else {
            requireSubject(subjectOrNullForGlobal);
            subjectLevels.put(subjectOrNullForGlobal, parsed);
        }
    }

    private int newId(String text, Schema schema) {
        int id = nextId++;
        idsByCanonicalText.put(text, id);
        schemasById.put(id, schema);
        return id;
    }

    private CompatibilityLevel levelOf(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private List<Schema> schemasOf(List<Version> versions) {
        return versions.stream().map(v -> schemasById.get(v.id())).toList();
    }

    private List<Version> existingVersions(String subject) {
        requireSubject(subject);
        List<Version> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private RegisteredSchema toRegistered(String subject, Version version) {
        return new RegisteredSchema(subject, version.version(), version.id(), schemasById.get(version.id()));
    }

    private static void requireSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
    }
}
