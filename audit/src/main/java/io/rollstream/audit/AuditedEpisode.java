package io.rollstream.audit;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Trajectory;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the topics say about one episode, each list in log order.
 *
 * @param episodeId    the episode
 * @param start        when its first prompt was created, or when attempt 1 started if the prompt is gone
 * @param firstPrompts attempt-1 prompts (FRESH, REPLAY or EVAL); more than one is a resend the grader ignores
 * @param retryPrompts prompts with origin RETRY
 * @param attempts     attempt records from rl-attempts-v1, duplicates included
 * @param graded       graded records from rl-graded-v1
 * @param trajectories trajectories from rl-trajectories-v1
 */
public record AuditedEpisode(String episodeId, Instant start, List<Located<Prompt>> firstPrompts,
                             List<Located<Prompt>> retryPrompts, List<Located<Attempt>> attempts,
                             List<Located<GradedAttempt>> graded, List<Located<Trajectory>> trajectories) {

    private static final Comparator<Located<?>> LOG_ORDER = Comparator
            .comparing((Located<?> l) -> l.ref().timestamp())
            .thenComparingLong(l -> l.ref().offset());

    public AuditedEpisode {
        Objects.requireNonNull(episodeId, "episodeId");
        Objects.requireNonNull(start, "start");
        firstPrompts = List.copyOf(firstPrompts);
        retryPrompts = List.copyOf(retryPrompts);
        attempts = List.copyOf(attempts);
        graded = List.copyOf(graded);
        trajectories = List.copyOf(trajectories);
    }

    /** What the episode was opened with: from its first prompt, else its trajectory; empty when neither is held. */
    public Optional<EpisodeContext> context() {
        if (!firstPrompts.isEmpty()) {
            return Optional.of(EpisodeContext.of(firstPrompts.get(0).value()));
        }
        return trajectories.isEmpty() ? Optional.empty()
                : Optional.of(EpisodeContext.of(trajectories.get(0).value()));
    }

    /** The first graded record of attempt {@code k}, if any. */
    public Optional<Located<GradedAttempt>> firstGraded(int k) {
        return graded.stream().filter(g -> g.value().getAttempt() == k).findFirst();
    }

    /** The first graded record of each attempt, in attempt order. */
    public List<Located<GradedAttempt>> gradedOnce() {
        return graded.stream().map(g -> g.value().getAttempt()).distinct().sorted()
                .map(k -> firstGraded(k).orElseThrow()).toList();
    }

    /** The first graded record that says it closed the episode, if any. */
    public Optional<Located<GradedAttempt>> closingGraded() {
        return gradedOnce().stream().filter(g -> g.value().getClosesEpisode()).findFirst();
    }

    /** The latest record of the episode on any topic. */
    public RecordRef lastRecord() {
        return Stream.of(firstPrompts, retryPrompts, attempts, graded, trajectories)
                .flatMap(List::stream).map(l -> (Located<?>) l).max(LOG_ORDER).orElseThrow().ref();
    }
}
