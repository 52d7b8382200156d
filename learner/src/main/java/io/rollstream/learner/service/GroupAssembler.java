package io.rollstream.learner.service;

import io.rollstream.schemas.avro.Trajectory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects trajectories into training units. With grouping off (PPO) every kept trajectory is a unit; with it
 * on (GRPO) a unit is one complete group: it is released only when all of the group's G episodes have arrived
 * (G from the trajectories' own {@code groupSize}), counting those dropped on arrival, so a stale or
 * unscorable member never leaves its group waiting forever. A complete group with fewer than two kept members
 * has no baseline and is discarded, counted in {@link #discardedGroups()}.
 */
public final class GroupAssembler {

    private final boolean grouped;
    private final Map<String, PendingGroup> pending = new LinkedHashMap<>();
    private final Deque<List<Trajectory>> ready = new ArrayDeque<>();
    private long discardedGroups;

    public GroupAssembler(boolean grouped) {
        this.grouped = grouped;
    }

    /** Adds an arrival; {@code kept} false means it was dropped but still counts toward its group. */
    public void add(Trajectory trajectory, boolean kept) {
        if (!grouped) {
            if (kept) {
                ready.add(List.of(trajectory));
            }
            return;
        }
        PendingGroup group = pending.computeIfAbsent(trajectory.getGroupId(),
                id -> new PendingGroup(Math.max(1, trajectory.getGroupSize())));
        if (kept) {
            group.kept.add(trajectory);
        } else {
            group.dropped++;
        }
        if (group.kept.size() + group.dropped >= group.size) {
            pending.remove(trajectory.getGroupId());
            if (group.kept.size() >= 2) {
                ready.add(List.copyOf(group.kept));
            } else {
                discardedGroups++;
            }
        }
    }

    /** Units ready to train. */
    public int readyUnits() {
        return ready.size();
    }

    /** Removes and returns the oldest {@code units} ready units. */
    public List<List<Trajectory>> take(int units) {
        if (units > ready.size()) {
            throw new IllegalStateException("only " + ready.size() + " units ready, " + units + " asked");
        }
        List<List<Trajectory>> out = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            out.add(ready.poll());
        }
        return out;
    }

    /** Groups still waiting for members. */
    public int pendingGroups() {
        return pending.size();
    }

    /** Complete groups thrown away for having fewer than two kept members. */
    public long discardedGroups() {
        return discardedGroups;
    }

    /** Everything held, for the checkpoint. */
    public AssemblerSnapshot snapshot() {
        List<AssemblerSnapshot.Group> groups = new ArrayList<>();
        pending.forEach((id, g) -> groups.add(new AssemblerSnapshot.Group(id, g.size, g.dropped, List.copyOf(g.kept))));
        return new AssemblerSnapshot(groups, List.copyOf(ready), discardedGroups);
    }

    /** An assembler holding what {@code snapshot} held. */
    public static GroupAssembler restore(boolean grouped, AssemblerSnapshot snapshot) {
        GroupAssembler assembler = new GroupAssembler(grouped);
        for (AssemblerSnapshot.Group g : snapshot.pending()) {
            PendingGroup group = new PendingGroup(g.size());
            group.dropped = g.dropped();
            group.kept.addAll(g.kept());
            assembler.pending.put(g.groupId(), group);
        }
        assembler.ready.addAll(snapshot.ready());
        assembler.discardedGroups = snapshot.discardedGroups();
        return assembler;
    }

    private static final class PendingGroup {
        final int size;
        final List<Trajectory> kept = new ArrayList<>();
        int dropped;

        PendingGroup(int size) {
            this.size = size;
        }
    }
}
