package io.rollstream.cli.chaos;

import static io.rollstream.cli.chaos.ChaosProgress.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.audit.AuditConfig;
import io.rollstream.audit.AuditCounts;
import io.rollstream.audit.AuditReport;
import io.rollstream.audit.Auditor;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the chaos tests find once a run is over: the episode audit of every graded record and trajectory, the
 * dead letters, and the auditor's report on the run's window.
 */
record WindowVerdict(EpisodeAudit audit, int deadLetters, AuditReport report) {

    /** Reads the graded records, trajectories and dead letters committed so far and audits the window. */
    static WindowVerdict read(StackAddress stack, CatalogSerdes serdes, Set<String> fed, Instant from, Instant to,
                              Duration timeout) {
        List<GradedAttempt> graded = values(TopicTail.readAll(stack.bootstrapServers(), Topics.GRADED.name(),
                new StringDeserializer(), serdes.valueSerde(Topics.GRADED).deserializer(), timeout));
        List<Trajectory> trajectories = values(TopicTail.readAll(stack.bootstrapServers(),
                Topics.TRAJECTORIES.name(), new StringDeserializer(),
                serdes.valueSerde(Topics.TRAJECTORIES).deserializer(), timeout));
        int deadLetters = TopicTail.readAll(stack.bootstrapServers(), Topics.DEAD_LETTERS.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), timeout).size();
        EpisodeAudit audit = EpisodeAudit.check(fed, graded, trajectories);
        AuditReport report = Auditor.run(AuditConfig.of(stack.bootstrapServers(), stack.registryUrl(), from, to, true));
        return new WindowVerdict(audit, deadLetters, report);
    }

    /** The timeline lines: dead letters, the episode audit, the auditor's summary. */
    List<String> describe() {
        return List.of(deadLetters + " dead letters", "audit: " + audit.summary(),
                "auditor:\n" + report.summary(20).strip().indent(12).stripTrailing());
    }

    /**
     * The window is exact: every one of {@code fed} episodes closed once with no timeout, every attempt graded
     * once, nothing dead-lettered, and the auditor agrees.
     */
    void assertExact(int fed) {
        assertTrue(audit.passed(), audit.summary());
        assertEquals(0, deadLetters, "dead letters: an attempt reached the grader twice or was unreadable");
        assertEquals(fed, audit.trajectories(), "one trajectory per episode");
        assertEquals(0, audit.outcomeCount(Outcome.TIMEOUT), "episodes closed by the timeout");
        assertTrue(report.passed(), report.summary(20));
        AuditCounts counts = report.counts();
        assertEquals(fed, counts.episodes(), "episodes the auditor found in the window");
        assertEquals(fed, counts.closed(), "episodes the auditor found closed");
        assertEquals(fed, counts.trajectories(), "trajectory records the auditor read");
        assertEquals(counts.gradedAttempts(), counts.gradedRecords(), "graded records per attempt");
        assertEquals(audit.graded(), counts.gradedRecords(), "both audits read the same graded records");
    }
}
