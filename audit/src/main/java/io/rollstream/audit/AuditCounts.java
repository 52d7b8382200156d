package io.rollstream.audit;

import java.util.Map;

/**
 * What an audit saw, in numbers.
 *
 * @param recordsRead     records read per topic in the read range, readable or not
 * @param unreadable      records that could not be deserialized
 * @param episodes        episodes that started inside the window (the audited ones)
 * @param startedBefore   episodes seen in the read range that started before {@code from}; not audited
 * @param startedAfter    episodes that started at or after {@code to}; not audited
 * @param closed          audited episodes with a trajectory
 * @param open            audited episodes that may still be running at the horizon
 * @param notClosed       audited episodes whose trajectory is due but missing
 * @param gradedAttempts  distinct attempts (episode, k) graded
 * @param gradedRecords   graded records, duplicates included
 * @param trajectories    trajectory records, duplicates included
 * @param retryPrompts    retry prompt records
 * @param lateAttempts    attempts sent after their episode closed (dead-lettered by the grader, not a fault)
 * @param actors          distinct actors that generated the audited attempts
 * @param outcomes        closed episodes per outcome
 */
public record AuditCounts(Map<String, Long> recordsRead, int unreadable, int episodes, int startedBefore,
                          int startedAfter, int closed, int open, int notClosed, int gradedAttempts,
                          int gradedRecords, int trajectories, int retryPrompts, int lateAttempts, int actors,
                          Map<String, Integer> outcomes) {

    public AuditCounts {
        recordsRead = Map.copyOf(recordsRead);
        outcomes = Map.copyOf(outcomes);
    }
}
