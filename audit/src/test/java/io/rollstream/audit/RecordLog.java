package io.rollstream.audit;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An in-memory stand-in for the four episode topics: one partition each, offsets in append order. */
final class RecordLog {

    final List<Located<Prompt>> prompts = new ArrayList<>();
    final List<Located<Attempt>> attempts = new ArrayList<>();
    final List<Located<GradedAttempt>> graded = new ArrayList<>();
    final List<Located<Trajectory>> trajectories = new ArrayList<>();
    private final Map<String, Long> offsets = new HashMap<>();

    /** Appends every record of a scripted episode, each stamped with the time inside it. */
    RecordLog append(EpisodeScript e) {
        prompt(e.firstPrompt(), e.firstPrompt().getCreatedAt());
        for (int i = 0; i < e.attempts().size(); i++) {
            attempt(e.attempts().get(i), e.attempts().get(i).getFinishedAt());
            if (i < e.graded().size()) {
                graded(e.graded().get(i), e.graded().get(i).getGradedAt());
            }
            if (i < e.retries().size()) {
                prompt(e.retries().get(i), e.retries().get(i).getCreatedAt());
            }
        }
        if (e.trajectory() != null) {
            trajectory(e.trajectory(), e.trajectory().getClosedAt());
        }
        return this;
    }

    Located<Prompt> prompt(Prompt p, Instant at) {
        return add(prompts, Topics.PROMPTS.name(), p, at);
    }

    Located<Attempt> attempt(Attempt a, Instant at) {
        return add(attempts, Topics.ATTEMPTS.name(), a, at);
    }

    Located<GradedAttempt> graded(GradedAttempt g, Instant at) {
        return add(graded, Topics.GRADED.name(), g, at);
    }

    Located<Trajectory> trajectory(Trajectory t, Instant at) {
        return add(trajectories, Topics.TRAJECTORIES.name(), t, at);
    }

    AuditInput input() {
        return AuditInput.of(prompts, attempts, graded, trajectories);
    }

    private <V> Located<V> add(List<Located<V>> list, String topic, V value, Instant at) {
        long offset = offsets.merge(topic, 1L, Long::sum) - 1;
        Located<V> located = new Located<>(new RecordRef(topic, 0, offset, at), value);
        list.add(located);
        return located;
    }
}
