package io.rollstream.infra.registry;

import io.rollstream.infra.registry.StoreRecord.ConfigChange;
import io.rollstream.infra.registry.StoreRecord.SchemaProposal;
import io.rollstream.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's contents, rebuilt by applying the {@code _schemas} records in log order. Applying is
 * deterministic, so every instance that has read the same prefix of the log holds the same state.
 */
final class RegistryState {

    /** Confluent's default when neither the subject nor the registry has a level set. */
    static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;

    private final Map<String, List<Registration>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    /**
     * Applies one record.
     *
     * @return for a schema proposal, the registration that now holds its schema under its subject (new or
     *     already there), or empty when the proposal lost: its version was taken by an earlier record
     */
    synchronized Optional<Registration> apply(StoreRecord record) {
        if (record instanceof ConfigChange change) {
            if (change.subject().isPresent()) {
                subjectLevels.put(change.subject().get(), change.level());
            } else {
                globalLevel = change.level();
            }
            return Optional.empty();
        }
        SchemaProposal proposal = (SchemaProposal) record;
        Optional<Registration> existing = find(proposal.subject(), proposal.schema());
        if (existing.isPresent()) {
            return existing;
        }
        List<Registration> versions = subjects.computeIfAbsent(proposal.subject(), s -> new ArrayList<>());
        if (proposal.version() != versions.size() + 1) {
            if (versions.isEmpty()) {
                subjects.remove(proposal.subject());
            }
            return Optional.empty();
        }
        Integer id = idsBySchema.get(proposal.schema());
        if (id == null) {
            id = ++maxId;
            idsBySchema.put(proposal.schema(), id);
            schemasById.put(id, proposal.schema());
        }
        Registration registration = new Registration(proposal.subject(), proposal.version(), id, proposal.schema());
        versions.add(registration);
        return Optional.of(registration);
    }

    /** The registration of this canonical schema under this subject, if any. */
    synchronized Optional<Registration> find(String subject, String canonicalSchema) {
        return subjects.getOrDefault(subject, List.of()).stream()
                .filter(r -> r.schema().equals(canonicalSchema))
                .findFirst();
    }

    /** Every version of the subject, version 1 first; empty when the subject is unknown. */
    synchronized List<Registration> versions(String subject) {
        return List.copyOf(subjects.getOrDefault(subject, List.of()));
    }

    /** Subjects with at least one version, sorted. */
    synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** The level set on the subject itself, if any. */
    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** The registry-wide level: set explicitly or the default. */
    synchronized CompatibilityLevel globalLevel() {
        return globalLevel == null ? DEFAULT_LEVEL : globalLevel;
    }

    /** The level that governs registrations under the subject. */
    synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).orElseGet(this::globalLevel);
    }
}
