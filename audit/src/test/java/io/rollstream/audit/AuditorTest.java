package io.rollstream.audit;

import static io.rollstream.audit.EpisodeScript.correct;
import static io.rollstream.audit.EpisodeScript.play;
import static io.rollstream.audit.EpisodeScript.unformatted;
import static io.rollstream.audit.EpisodeScript.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Trajectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditorTest {

    private static final Instant FROM = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(1));
    private static final Duration GRACE = Duration.ofMinutes(35);
    private static final AuditWindow NOW_AFTER_WINDOW = AuditWindow.of(FROM, TO, GRACE, TO.plus(Duration.ofHours(2)));

    private static RecordLog consistentWindow() {
        Instant t = FROM.plusSeconds(60);
        return new RecordLog()
                .append(play("ep-1", "q1", "7", 1, t, "actor-a", 1, true, correct("7")))
                .append(play("ep-2", "q2", "12", 3, t.plusSeconds(1), "actor-a", 1, true, wrong(11), correct("12")))
                .append(play("ep-3", "q3", "5", 2, t.plusSeconds(2), "actor-b", 2, true, wrong(4), unformatted()))
                .append(play("ep-4", "q4", "9", 2, t.plusSeconds(3), "actor-b", 2, true, unformatted(), unformatted()));
    }

    @Test
    void shouldPassAConsistentWindowWithCorrectCounts() {
        AuditReport report = Auditor.audit(consistentWindow().input(), NOW_AFTER_WINDOW);

        assertTrue(report.passed(), report.summary(10));
        assertEquals(0, report.exitCode());
        AuditCounts c = report.counts();
        assertEquals(4, c.episodes());
        assertEquals(4, c.closed());
        assertEquals(7, c.gradedAttempts());
        assertEquals(7, c.gradedRecords());
        assertEquals(3, c.retryPrompts());
        assertEquals(2, c.actors());
        assertEquals(Map.of("SOLVED", 2, "FAILED", 1, "NO_ANSWER", 1), c.outcomes());
    }

    @Test
    void shouldNameTheSecondGradedRecordOfAnAttemptAsDuplicate() {
        RecordLog log = consistentWindow();
        GradedAttempt again = log.graded.get(1).value();
        Located<GradedAttempt> duplicate = log.graded(again, FROM.plusSeconds(300));

        AuditReport report = Auditor.audit(log.input(), NOW_AFTER_WINDOW);

        assertEquals(1, report.exitCode());
        assertEquals(List.of(Check.DUPLICATE_GRADED), checks(report));
        assertEquals(duplicate.ref(), report.violations().get(0).record());
    }

    @Test
    void shouldReportAMissingTrajectoryAtTheRecordThatClosedTheEpisode() {
        RecordLog log = new RecordLog();
        EpisodeScript e = play("ep-1", "q1", "7", 2, FROM.plusSeconds(5), "a", 1, true, wrong(1), correct("7"));
        log.append(new EpisodeScript(e.firstPrompt(), e.attempts(), e.graded(), e.retries(), null));

        AuditReport report = Auditor.audit(log.input(), NOW_AFTER_WINDOW);

        assertEquals(List.of(Check.MISSING_TRAJECTORY), checks(report));
        assertEquals(log.graded.get(1).ref(), report.violations().get(0).record());
        assertEquals(1, report.counts().notClosed());
    }

    @Test
    void shouldReportAnEpisodeOpenWhileItsLastRecordIsWithinTheCloseGrace() {
        Instant start = TO.minusSeconds(30);
        RecordLog log = new RecordLog().append(play("ep-1", "q1", "7", 3, start, "a", 1, false, wrong(1)));

        AuditReport atEndOfWindow = Auditor.audit(log.input(), AuditWindow.of(FROM, TO, GRACE, TO));
        AuditReport muchLater = Auditor.audit(log.input(), NOW_AFTER_WINDOW);

        assertTrue(atEndOfWindow.passed(), atEndOfWindow.summary(10));
        assertEquals(List.of("ep-1"), atEndOfWindow.openEpisodes());
        assertEquals(List.of(Check.UNCLOSED_EPISODE), checks(muchLater));
    }

    @Test
    void shouldSeeAnEpisodeThatStartedInTheWindowAndClosedAfterItAsClosed() {
        RecordLog log = new RecordLog().append(play("ep-1", "q1", "7", 2, TO.minusMillis(15), "a", 1, true,
                wrong(3), correct("7")));
        assertTrue(log.trajectories.get(0).ref().timestamp().isAfter(TO));

        AuditReport report = Auditor.audit(log.input(), NOW_AFTER_WINDOW);

        assertTrue(report.passed(), report.summary(10));
        assertEquals(1, report.counts().closed());
    }

    @Test
    void shouldSkipEpisodesThatStartedBeforeTheWindowEvenWhenTheirLaterRecordsAreInIt() {
        EpisodeScript early = play("ep-0", "q1", "7", 3, FROM.minusSeconds(30), "a", 1, true,
                wrong(1), wrong(2), correct("7"));
        RecordLog log = new RecordLog();
        // Only what was written after --from is read: attempt 3, its graded record and the trajectory.
        log.attempt(early.attempts().get(2), FROM.plusSeconds(1));
        log.graded(early.graded().get(2), FROM.plusSeconds(2));
        log.trajectory(early.trajectory(), FROM.plusSeconds(3));
        log.append(play("ep-1", "q1", "7", 1, FROM.plusSeconds(10), "a", 1, true, correct("7")));

        AuditReport report = Auditor.audit(log.input(), NOW_AFTER_WINDOW);

        assertTrue(report.passed(), report.summary(10));
        assertEquals(1, report.counts().episodes());
        assertEquals(1, report.counts().startedBefore());
    }

    @Test
    void shouldFlagARewardThatDoesNotFollowFromTheVerdict() {
        RecordLog log = new RecordLog();
        EpisodeScript e = play("ep-1", "q1", "7", 2, FROM.plusSeconds(5), "a", 1, true, wrong(1), correct("7"));
        List<GradedAttempt> graded = new ArrayList<>(e.graded());
        graded.set(0, GradedAttempt.newBuilder(graded.get(0)).setReward(1.0f).build());
        log.append(new EpisodeScript(e.firstPrompt(), e.attempts(), graded, e.retries(), e.trajectory()));

        AuditReport report = Auditor.audit(log.input(), NOW_AFTER_WINDOW);

        assertTrue(checks(report).contains(Check.REWARD_MISMATCH), report.summary(10));
        assertEquals(log.graded.get(0).ref(), report.violations(Check.REWARD_MISMATCH).get(0).record());
    }

    @Test
    void shouldFlagATerminalRewardAndOutcomeThatDoNotFollowFromTheVerdicts() {
        RecordLog log = new RecordLog();
        EpisodeScript e = play("ep-1", "q1", "7", 2, FROM.plusSeconds(5), "a", 1, true, wrong(1), wrong(2));
        Trajectory bad = Trajectory.newBuilder(e.trajectory()).setOutcome(Outcome.SOLVED).setTerminalReward(-0.5f)
                .build();
        log.append(new EpisodeScript(e.firstPrompt(), e.attempts(), e.graded(), e.retries(), bad));

        AuditReport report = Auditor.audit(log.input(), NOW_AFTER_WINDOW);

        assertEquals(List.of(Check.OUTCOME_MISMATCH, Check.TERMINAL_REWARD_MISMATCH), checks(report));
    }

    @Test
    void shouldFlagARetryPromptThatLeavesOutTheFeedbackTurn() {
        RecordLog log = new RecordLog();
        EpisodeScript e = play("ep-1", "q1", "7", 2, FROM.plusSeconds(5), "a", 1, true, wrong(1), correct("7"));
        Prompt retry = e.retries().get(0);
        List<Message> messages = new ArrayList<>(retry.getMessages());
        messages.remove(messages.size() - 1);
        List<Prompt> retries = List.of(Prompt.newBuilder(retry).setMessages(messages).build());
        log.append(new EpisodeScript(e.firstPrompt(), e.attempts(), e.graded(), retries, e.trajectory()));

        AuditReport report = Auditor.audit(log.input(), NOW_AFTER_WINDOW);

        assertEquals(List.of(Check.RETRY_MISMATCH), checks(report));
        assertEquals(log.prompts.get(1).ref(), report.violations().get(0).record());
    }

    @Test
    void shouldFlagAnActorWhosePolicyVersionGoesBackwardsButNotOneThatWasPinned() {
        RecordLog log = new RecordLog()
                .append(play("ep-1", "q1", "7", 1, FROM.plusSeconds(5), "a", 5, true, correct("7")))
                .append(play("ep-2", "q1", "7", 1, FROM.plusSeconds(6), "a", 4, true, correct("7")));
        EpisodeScript pinned = play("ep-3", "q1", "7", 1, FROM.plusSeconds(7), "b", 1, true, correct("7"));
        log.append(play("ep-4", "q1", "7", 1, FROM.plusSeconds(6), "b", 3, true, correct("7")));
        // The evaluation prompt pins version 1; its attempt refers to that prompt.
        Prompt pinnedPrompt = Prompt.newBuilder(pinned.firstPrompt()).setPolicyVersion(1L).build();
        log.prompt(pinnedPrompt, FROM.plusSeconds(7));
        log.attempt(pinned.attempts().get(0), FROM.plusSeconds(8));

        AuditReport report = Auditor.audit(log.input(), NOW_AFTER_WINDOW);

        List<Violation> regressions = report.violations(Check.POLICY_REGRESSION);
        assertEquals(1, regressions.size(), report.summary(10));
        assertEquals("ep-2", regressions.get(0).episodeId());
    }

    @Test
    void shouldNotFlagAnAttemptSentAfterItsEpisodeClosed() {
        RecordLog log = new RecordLog();
        EpisodeScript e = play("ep-1", "q1", "7", 3, FROM.plusSeconds(5), "a", 1, true, correct("7"));
        log.append(e);
        Prompt second = Prompt.newBuilder(e.firstPrompt()).setAttempt(2).build();
        log.attempt(EpisodeScript.attempt(second, wrong(1), "a", 1, FROM.plusSeconds(9)), FROM.plusSeconds(9));

        AuditReport report = Auditor.audit(log.input(), NOW_AFTER_WINDOW);

        assertTrue(report.passed(), report.summary(10));
        assertEquals(1, report.counts().lateAttempts());
    }

    @Test
    void shouldFlagAnAttemptThatWasNeverGradedInAnEpisodeThatStoppedWithoutClosing() {
        RecordLog log = new RecordLog();
        EpisodeScript e = play("ep-1", "q1", "7", 2, FROM.plusSeconds(5), "a", 1, true, wrong(1), correct("7"));
        log.append(new EpisodeScript(e.firstPrompt(), e.attempts(), e.graded().subList(0, 1), e.retries(), null));

        AuditReport report = Auditor.audit(log.input(), NOW_AFTER_WINDOW);

        assertEquals(List.of(Check.UNGRADED_ATTEMPT, Check.UNCLOSED_EPISODE), checks(report));
        assertEquals(log.attempts.get(1).ref(), report.violations(Check.UNGRADED_ATTEMPT).get(0).record());
    }

    @Test
    void shouldFlagASecondTrajectoryForTheSameEpisode() {
        RecordLog log = consistentWindow();
        Located<Trajectory> again = log.trajectory(log.trajectories.get(2).value(), FROM.plusSeconds(500));

        AuditReport report = Auditor.audit(log.input(), NOW_AFTER_WINDOW);

        assertEquals(List.of(Check.DUPLICATE_TRAJECTORY), checks(report));
        assertEquals(again.ref(), report.violations().get(0).record());
    }

    private static List<Check> checks(AuditReport report) {
        return report.violations().stream().map(Violation::check).toList();
    }
}
