package io.rollstream.learner.service;

import io.rollstream.schemas.avro.Trajectory;
import java.util.List;
import java.util.Objects;

/**
 * Trajectories consumed but not yet trained on, as the checkpoint stores them next to the consumed offsets.
 *
 * @param pending         groups still waiting for members
 * @param ready           complete units not yet trained, oldest first
 * @param discardedGroups groups thrown away so far
 */
public record AssemblerSnapshot(List<Group> pending, List<List<Trajectory>> ready, long discardedGroups) {

    public AssemblerSnapshot {
        pending = List.copyOf(pending);
        ready = ready.stream().map(List::copyOf).toList();
    }

    /** One waiting group: its id, expected size, members dropped on arrival and members kept. */
    public record Group(String groupId, int size, int dropped, List<Trajectory> kept) {
        public Group {
            Objects.requireNonNull(groupId, "groupId");
            kept = List.copyOf(kept);
        }
    }

    /** Number of trajectories held. */
    public int trajectories() {
        return pending.stream().mapToInt(g -> g.kept().size()).sum() + ready.stream().mapToInt(List::size).sum();
    }
}
