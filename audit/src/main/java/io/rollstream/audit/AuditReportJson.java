package io.rollstream.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit report as JSON: {@code passed}, {@code window}, {@code counts}, {@code violationsByCheck},
 * {@code violations} (each with check, episode, topic, partition, offset, timestamp, detail), {@code open}
 * and {@code regrade} (per grader version: checked, agreed, disagreements).
 */
public final class AuditReportJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AuditReportJson() {
    }

    /** Writes the report to {@code file}, creating parent directories. */
    public static void write(AuditReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), toJson(report));
    }

    /** The report as a JSON tree. */
    public static ObjectNode toJson(AuditReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("passed", report.passed());
        root.put("exitCode", report.exitCode());
        AuditWindow w = report.window();
        ObjectNode window = root.putObject("window");
        window.put("from", w.from().toString());
        window.put("to", w.to().toString());
        window.put("startedAt", w.startedAt().toString());
        window.put("horizon", w.horizon().toString());
        window.put("closeGrace", w.closeGrace().toString());
        root.set("counts", counts(report.counts()));
        ObjectNode byCheck = root.putObject("violationsByCheck");
        report.violationsByCheck().forEach((check, n) -> byCheck.put(check.name(), n));
        ArrayNode violations = root.putArray("violations");
        for (Violation v : report.violations()) {
            ObjectNode node = violations.addObject();
            node.put("check", v.check().name());
            node.put("description", v.check().description());
            node.put("episodeId", v.episodeId());
            record(node, v.record());
            node.put("detail", v.detail());
        }
        ArrayNode open = root.putArray("open");
        report.openEpisodes().forEach(open::add);
        root.put("reGraded", report.reGraded());
        ArrayNode regrade = root.putArray("regrade");
        for (RegradeResult r : report.regrade()) {
            ObjectNode node = regrade.addObject();
            node.put("graderVersion", r.graderVersion());
            node.put("checked", r.checked());
            node.put("agreed", r.agreed());
            ArrayNode list = node.putArray("disagreements");
            for (RegradeResult.Disagreement d : r.disagreements()) {
                ObjectNode item = list.addObject();
                item.put("episodeId", d.episodeId());
                item.put("attempt", d.attempt());
                record(item, d.record());
                item.put("recorded", d.recorded());
                item.put("current", d.current());
                item.put("detail", d.detail());
            }
        }
        return root;
    }

    private static ObjectNode counts(AuditCounts c) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode read = node.putObject("recordsRead");
        new TreeMap<>(c.recordsRead()).forEach(read::put);
        node.put("unreadable", c.unreadable());
        node.put("episodes", c.episodes());
        node.put("startedBefore", c.startedBefore());
        node.put("startedAfter", c.startedAfter());
        node.put("closed", c.closed());
        node.put("open", c.open());
        node.put("notClosed", c.notClosed());
        node.put("gradedAttempts", c.gradedAttempts());
        node.put("gradedRecords", c.gradedRecords());
        node.put("trajectories", c.trajectories());
        node.put("retryPrompts", c.retryPrompts());
        node.put("lateAttempts", c.lateAttempts());
        node.put("actors", c.actors());
        ObjectNode outcomes = node.putObject("outcomes");
        for (Map.Entry<String, Integer> e : new TreeMap<>(c.outcomes()).entrySet()) {
            outcomes.put(e.getKey(), e.getValue());
        }
        return node;
    }

    private static void record(ObjectNode node, RecordRef ref) {
        node.put("topic", ref.topic());
        node.put("partition", ref.partition());
        node.put("offset", ref.offset());
        node.put("timestamp", ref.timestamp().toString());
    }
}
