package io.rollstream.cli.chaos;

import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Trajectory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the chaos tests read off the trajectories while a run goes on, and how they print their timelines. */
final class ChaosProgress {

    private ChaosProgress() {
    }

    /** Episodes the grader closed after {@code since}: proof that the grader incarnation started then works. */
    static long closedSince(List<Trajectory> seen, Instant since) {
        return seen.stream().filter(t -> t.getClosedAt().isAfter(since)).count();
    }

    /** Episodes holding an attempt {@code actorId} began after {@code since}: that incarnation's work. */
    static long answeredBy(List<Trajectory> seen, String actorId, Instant since) {
        return seen.stream().filter(t -> t.getAttempts().stream().map(GradedAttempt::getAttemptRecord)
                .anyMatch(a -> a.getActorId().equals(actorId) && a.getStartedAt().isAfter(since))).count();
    }

    static <V> List<V> values(List<ConsumerRecord<String, V>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /** One timeline line: seconds since {@code started}, episodes closed so far, what happened. */
    static String line(long started, int closed, String what) {
        return String.format(Locale.ROOT, "%6.1f s  %5d closed  %s", (System.nanoTime() - started) / 1e9, closed, what);
    }
}
