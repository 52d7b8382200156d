package io.rollstream.audit;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.Trajectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Groups records by episode and keeps the episodes that started inside the window. An episode's start is the
 * creation time of its attempt-1 prompt, known from the prompt itself or from the copy of it that attempt 1,
 * its graded record and the trajectory carry. Episodes whose attempt-1 records were not read started before
 * the read range and are skipped, never flagged.
 */
final class EpisodeAssembler {

    /**
     * The episodes of a window and what was left out.
     *
     * @param inWindow      episodes whose start is in [from, to), by episode id
     * @param startedBefore episodes that started before {@code from} (or whose attempt-1 records were not read)
     * @param startedAfter  episodes that started at or after {@code to}
     */
    record Assembly(List<AuditedEpisode> inWindow, int startedBefore, int startedAfter) {
    }

    private static final class Builder {
        final List<Located<Prompt>> firstPrompts = new ArrayList<>();
        final List<Located<Prompt>> retryPrompts = new ArrayList<>();
        final List<Located<Attempt>> attempts = new ArrayList<>();
        final List<Located<GradedAttempt>> graded = new ArrayList<>();
        final List<Located<Trajectory>> trajectories = new ArrayList<>();
        Instant start;

        void startCandidate(Instant t) {
            if (start == null || t.isBefore(start)) {
                start = t;
            }
        }
    }

    private EpisodeAssembler() {
    }

    static Assembly assemble(AuditInput input, Instant from, Instant to) {
        Map<String, Builder> byId = new TreeMap<>();
        Function<String, Builder> get = id -> byId.computeIfAbsent(id, x -> new Builder());
        for (Located<Prompt> p : inLogOrder(input.prompts())) {
            Builder b = get.apply(p.value().getEpisodeId());
            if (p.value().getOrigin() == PromptOrigin.RETRY) {
                b.retryPrompts.add(p);
            } else {
                b.firstPrompts.add(p);
                if (p.value().getAttempt() == 1) {
                    b.startCandidate(p.value().getCreatedAt());
                }
            }
        }
        for (Located<Attempt> a : inLogOrder(input.attempts())) {
            Builder b = get.apply(a.value().getEpisodeId());
            b.attempts.add(a);
            if (a.value().getAttempt() == 1) {
                b.startCandidate(a.value().getStartedAt());
            }
        }
        for (Located<GradedAttempt> g : inLogOrder(input.graded())) {
            Builder b = get.apply(g.value().getEpisodeId());
            b.graded.add(g);
            if (g.value().getAttempt() == 1) {
                b.startCandidate(g.value().getAttemptRecord().getStartedAt());
            }
        }
        for (Located<Trajectory> t : inLogOrder(input.trajectories())) {
            Builder b = get.apply(t.value().getEpisodeId());
            b.trajectories.add(t);
            trajectoryStart(t.value()).ifPresent(b::startCandidate);
        }
        List<AuditedEpisode> inWindow = new ArrayList<>();
        int before = 0;
        int after = 0;
        for (Map.Entry<String, Builder> e : byId.entrySet()) {
            Builder b = e.getValue();
            if (b.start == null || b.start.isBefore(from)) {
                before++;
            } else if (!b.start.isBefore(to)) {
                after++;
            } else {
                inWindow.add(new AuditedEpisode(e.getKey(), b.start, b.firstPrompts, b.retryPrompts, b.attempts,
                        b.graded, b.trajectories));
            }
        }
        return new Assembly(inWindow, before, after);
    }

    /**
     * A trajectory knows its start from attempt 1 (when generation started, no earlier than the prompt); a
     * timed-out episode with no attempt has only openedAt.
     */
    private static Optional<Instant> trajectoryStart(Trajectory t) {
        if (!t.getAttempts().isEmpty()) {
            GradedAttempt first = t.getAttempts().get(0);
            if (first.getAttempt() == 1) {
                return Optional.of(first.getAttemptRecord().getStartedAt());
            }
            return Optional.empty();
        }
        return Optional.of(t.getOpenedAt());
    }

    private static <V> List<Located<V>> inLogOrder(List<Located<V>> records) {
        List<Located<V>> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing((Located<V> l) -> l.ref().partition())
                .thenComparingLong(l -> l.ref().offset()));
        return sorted;
    }
}
