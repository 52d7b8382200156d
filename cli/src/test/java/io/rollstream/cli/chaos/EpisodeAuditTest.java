package io.rollstream.cli.chaos;

import static io.rollstream.cli.chaos.EpisodeRecords.graded;
import static io.rollstream.cli.chaos.EpisodeRecords.trajectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.avro.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The audit finds each kind of exactly-once violation in hand-made records, and passes a clean window. */
class EpisodeAuditTest {

    private final GradedAttempt a1 = graded("a", 1, 2, Verdict.UNFORMATTED, false);
    private final GradedAttempt a2 = graded("a", 2, 2, Verdict.WRONG, true);
    private final GradedAttempt b1 = graded("b", 1, 1, Verdict.CORRECT, true);
    private final Trajectory a = trajectory("a", 2, List.of(a1, a2));
    private final Trajectory b = trajectory("b", 1, List.of(b1));

    @Test
    void shouldPassAWindowWhereEveryAttemptIsGradedOnceAndEveryEpisodeClosedOnce() {
        EpisodeAudit audit = EpisodeAudit.check(Set.of("a", "b"), List.of(a1, b1, a2), List.of(b, a));

        assertTrue(audit.passed(), audit.summary());
        assertEquals(1, audit.outcomeCount(Outcome.FAILED));
        assertEquals(1, audit.outcomeCount(Outcome.SOLVED));
    }

    @Test
    void shouldReportAnAttemptGradedTwice() {
        EpisodeAudit audit = EpisodeAudit.check(Set.of("a", "b"), List.of(a1, a1, a2, b1), List.of(a, b));

        assertEquals(List.of("attempt 1 of a graded more than once"), audit.problems());
    }

    @Test
    void shouldReportALostEpisodeAndASecondTrajectory() {
        EpisodeAudit audit = EpisodeAudit.check(Set.of("a", "b"), List.of(a1, a2), List.of(a, a));

        assertEquals(List.of("second trajectory for a", "episode b has no trajectory (lost)"), audit.problems());
    }

    @Test
    void shouldReportRecordsOfAnEpisodeNobodyFed() {
        EpisodeAudit audit = EpisodeAudit.check(Set.of("a"), List.of(a1, a2, b1), List.of(a, b));

        assertEquals(2, audit.problems().size(), audit.summary());
        assertTrue(audit.problems().stream().allMatch(p -> p.contains("never fed")), audit.summary());
    }

    @Test
    void shouldReportARewardThatDoesNotFollowFromTheVerdicts() {
        Trajectory wrongReward = Trajectory.newBuilder(a).setTerminalReward(1.0f).build();
        Trajectory wrongOutcome = Trajectory.newBuilder(b).setOutcome(Outcome.NO_ANSWER).setTerminalReward(-1.0f).build();

        EpisodeAudit audit = EpisodeAudit.check(Set.of("a", "b"), List.of(a1, a2, b1), List.of(wrongReward, wrongOutcome));

        assertEquals(2, audit.problems().size(), audit.summary());
        assertTrue(audit.problems().get(0).startsWith("a: terminal reward 1.0"), audit.summary());
        assertTrue(audit.problems().get(1).startsWith("b: outcome NO_ANSWER"), audit.summary());
    }

    @Test
    void shouldReportAttemptsOutOfOrderOrGradedOutsideTheTrajectory() {
        List<GradedAttempt> swapped = new ArrayList<>(List.of(a2, a1));
        EpisodeAudit outOfOrder = EpisodeAudit.check(Set.of("a"), List.of(a1, a2), List.of(trajectory("a", 2, swapped)));
        EpisodeAudit extra = EpisodeAudit.check(Set.of("a"), List.of(a1, a2), List.of(trajectory("a", 2, List.of(a1))));

        assertFalse(outOfOrder.passed());
        assertTrue(outOfOrder.problems().contains("a: position 1 holds attempt 2"), outOfOrder.summary());
        assertTrue(extra.problems().contains("a: attempt 2 was graded but is not in the trajectory"), extra.summary());
    }
}
