package io.rollstream.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The result of one audit: counts, every violation in log order, the episodes still open, and the re-grade
 * results by grader version. It passes when no invariant is violated.
 *
 * @param window       what was audited
 * @param counts       what was seen
 * @param violations   broken invariants, in log order
 * @param openEpisodes ids of audited episodes that may still be running
 * @param reGraded     whether attempts were re-graded
 * @param regrade      re-grade results by grader version (empty unless re-graded)
 */
public record AuditReport(AuditWindow window, AuditCounts counts, List<Violation> violations,
                          List<String> openEpisodes, boolean reGraded, List<RegradeResult> regrade) {

    public AuditReport {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(counts, "counts");
        violations = List.copyOf(violations);
        openEpisodes = List.copyOf(openEpisodes);
        regrade = List.copyOf(regrade);
    }

    /** Whether every check holds. */
    public boolean passed() {
        return violations.isEmpty();
    }

    /** The command's exit code: 0 when every check holds, 1 otherwise. */
    public int exitCode() {
        return passed() ? 0 : 1;
    }

    /** The violations of one kind. */
    public List<Violation> violations(Check check) {
        return violations.stream().filter(v -> v.check() == check).toList();
    }

    /** Number of violations per check, in the order the checks are declared. */
    public Map<Check, Long> violationsByCheck() {
        return violations.stream().collect(Collectors.groupingBy(Violation::check, TreeMap::new,
                Collectors.counting()));
    }

    /** A human-readable summary listing at most {@code maxListed} offending records. */
    public String summary(int maxListed) {
        StringBuilder s = new StringBuilder();
        AuditCounts c = counts;
        s.append(String.format(Locale.ROOT, "audit of episodes started in [%s, %s); records read until %s "
                + "(close grace %s)%n", window.from(), window.to(), window.horizon(), window.closeGrace()));
        s.append("records read: ").append(new TreeMap<>(c.recordsRead()).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                .append(c.unreadable() > 0 ? ", unreadable " + c.unreadable() : "").append(System.lineSeparator());
        s.append(String.format(Locale.ROOT, "episodes: %d audited (%d closed, %d open, %d not closed); skipped %d "
                        + "started before the window, %d after%n", c.episodes(), c.closed(), c.open(), c.notClosed(),
                c.startedBefore(), c.startedAfter()));
        s.append(String.format(Locale.ROOT, "attempts: %d graded (%d graded records), %d trajectories, %d retry "
                        + "prompts, %d late attempts, %d actors%n", c.gradedAttempts(), c.gradedRecords(),
                c.trajectories(), c.retryPrompts(), c.lateAttempts(), c.actors()));
        s.append("outcomes: ").append(c.outcomes().isEmpty() ? "none" : new TreeMap<>(c.outcomes()).entrySet()
                .stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                .append(System.lineSeparator());
        if (reGraded) {
            s.append("re-grade:");
            if (regrade.isEmpty()) {
                s.append(" nothing to re-grade");
            }
            for (RegradeResult r : regrade) {
                s.append(String.format(Locale.ROOT, " grader %s: %d checked, %d agree, %d disagree;",
                        r.graderVersion(), r.checked(), r.agreed(), r.disagreements().size()));
            }
            s.append(System.lineSeparator());
        }
        if (passed()) {
            s.append("result: PASS, every check holds").append(System.lineSeparator());
            return s.toString();
        }
        s.append("result: FAIL, ").append(violations.size()).append(" violations (")
                .append(violationsByCheck().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "))).append(')').append(System.lineSeparator());
        s.append("first offending records:").append(System.lineSeparator());
        violations.stream().limit(maxListed).forEach(v -> s.append("  ").append(v).append(System.lineSeparator()));
        if (violations.size() > maxListed) {
            s.append("  ... ").append(violations.size() - maxListed).append(" more in the report")
                    .append(System.lineSeparator());
        }
        return s.toString();
    }
}
