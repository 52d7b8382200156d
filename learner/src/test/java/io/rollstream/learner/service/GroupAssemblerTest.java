package io.rollstream.learner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.train.SequenceBuilder;
import io.rollstream.learner.train.TrajectoryFixtures;
import io.rollstream.schemas.avro.Trajectory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupAssemblerTest {

    private static Trajectory member(String group, int i, Float reward) {
        return TrajectoryFixtures.single(group + "-" + i, group, 4, "\\boxed{2}", reward, 5L);
    }

    @Test
    void shouldReleaseAGroupOnlyWhenAllItsMembersHaveArrived() {
        GroupAssembler assembler = new GroupAssembler(true);
        for (int i = 0; i < 3; i++) {
            assembler.add(member("a", i, 1f), true);
            assembler.add(member("b", i, -0.5f), true);
        }
        assertEquals(0, assembler.readyUnits());
        assertEquals(2, assembler.pendingGroups());
        assembler.add(member("b", 3, 1f), true);
        assertEquals(1, assembler.readyUnits());
        List<List<Trajectory>> units = assembler.take(1);
        assertEquals(4, units.get(0).size());
        assertTrue(units.get(0).stream().allMatch(t -> t.getGroupId().equals("b")));
    }

    @Test
    void shouldCountDroppedMembersTowardCompletionAndDiscardGroupsWithoutABaseline() {
        GroupAssembler assembler = new GroupAssembler(true);
        assembler.add(member("a", 0, 1f), true);
        assembler.add(member("a", 1, null), false);
        assembler.add(member("a", 2, -0.5f), true);
        assembler.add(member("a", 3, 1f), false);
        assertEquals(1, assembler.readyUnits());
        assertEquals(2, assembler.take(1).get(0).size());

        assembler.add(member("c", 0, 1f), true);
        for (int i = 1; i < 4; i++) {
            assembler.add(member("c", i, null), false);
        }
        assertEquals(0, assembler.readyUnits());
        assertEquals(1, assembler.discardedGroups());
    }

    @Test
    void shouldReleaseEveryKeptTrajectoryAloneWhenUngrouped() {
        GroupAssembler assembler = new GroupAssembler(false);
        assembler.add(member("a", 0, 1f), true);
        assembler.add(member("a", 1, 1f), false);
        assertEquals(1, assembler.readyUnits());
    }

    @Test
    void shouldHoldTheSameTrajectoriesAfterASnapshotRoundTrip() {
        GroupAssembler assembler = new GroupAssembler(true);
        assembler.add(member("a", 0, 1f), true);
        assembler.add(member("a", 1, null), false);
        GroupAssembler restored = GroupAssembler.restore(true, assembler.snapshot());
        restored.add(member("a", 2, -1f), true);
        restored.add(member("a", 3, 1f), true);
        assertEquals(List.of("a-0", "a-2", "a-3"),
                restored.take(1).get(0).stream().map(Trajectory::getEpisodeId).toList());
    }

    @Test
    void shouldDropTrajectoriesMoreThanMaxStalenessVersionsOldAndCountThem() {
        LearnerConfig config = LearnerConfig.grpo().toBuilder().maxStaleness(2).build();
        LearnerMetrics metrics = new LearnerMetrics(new SimpleMeterRegistry(), Map.of());
        TrajectoryIntake intake = new TrajectoryIntake(config, new SequenceBuilder(TrajectoryFixtures.TOKENIZER),
                256, metrics);
        assertTrue(intake.keep(member("a", 0, 1f), 7L)); // made by version 5: 2 behind
        assertFalse(intake.keep(member("a", 1, 1f), 8L)); // 3 behind
        assertFalse(intake.keep(member("a", 2, null), 5L)); // timeout: no reward
        assertEquals(1, metrics.counter("dropped/stale"));
        assertEquals(1, metrics.counter("dropped/no-reward"));
    }
}
