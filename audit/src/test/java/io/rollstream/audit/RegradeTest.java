package io.rollstream.audit;

import static io.rollstream.audit.EpisodeScript.correct;
import static io.rollstream.audit.EpisodeScript.play;
import static io.rollstream.audit.EpisodeScript.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.avro.Verdict;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegradeTest {

    private static final Instant FROM = Instant.parse("2026-01-01T10:00:00Z");
    private static final AuditWindow WINDOW = AuditWindow.of(FROM, FROM.plusSeconds(3600), Duration.ofMinutes(35),
            FROM.plusSeconds(7200));

    private static AnswerChecker checker;

    @BeforeAll
    static void startChecker() {
        checker = new AnswerChecker(CheckerConfig.defaults());
    }

    @AfterAll
    static void stopChecker() {
        checker.close();
    }

    @Test
    void shouldAgreeWithVerdictsTheCurrentCheckerWouldGive() {
        RecordLog log = new RecordLog()
                .append(play("ep-1", "q1", "7", 2, FROM.plusSeconds(1), "a", 1, true, wrong(6), correct("7")))
                .append(play("ep-2", "q2", "1/2", 1, FROM.plusSeconds(2), "a", 1, true, correct("1/2")));
        AuditInput input = withTruth(log, Map.of("q1", "7", "q2", "0.5"));

        AuditReport report = Auditor.audit(input, WINDOW, checker);

        assertEquals(0, report.exitCode(), report.summary(10));
        assertEquals(List.of(new RegradeResult(EpisodeScript.GRADER_VERSION, 3, 3, List.of())), report.regrade());
    }

    @Test
    void shouldListDisagreementsByTheGraderVersionThatRecordedThem() {
        RecordLog log = new RecordLog();
        log.append(play("ep-1", "q1", "7", 1, FROM.plusSeconds(1), "a", 1, true, correct("7")));
        EpisodeScript old = play("ep-2", "q2", "8", 1, FROM.plusSeconds(2), "a", 1, true, wrong(9));
        // An older grader accepted 9 for 8, and closed the episode as solved accordingly.
        GradedAttempt lenient = GradedAttempt.newBuilder(old.graded().get(0)).setVerdict(Verdict.CORRECT)
                .setReward(EpisodeProtocol.REWARD_SOLVED).setGraderVersion("0.9.0").build();
        log.append(new EpisodeScript(old.firstPrompt(), old.attempts(), List.of(lenient), old.retries(),
                Trajectory.newBuilder(old.trajectory()).setAttempts(List.of(lenient))
                        .setOutcome(Outcome.SOLVED)
                        .setTerminalReward(EpisodeProtocol.REWARD_SOLVED).build()));

        AuditReport report = Auditor.audit(withTruth(log, Map.of("q1", "7", "q2", "8")), WINDOW, checker);

        assertEquals(1, report.exitCode());
        assertEquals(List.of(Check.REGRADE_DISAGREEMENT),
                report.violations().stream().map(Violation::check).toList());
        RegradeResult byOld = report.regrade().get(0);
        assertEquals("0.9.0", byOld.graderVersion());
        assertEquals(1, byOld.disagreements().size());
        assertEquals("CORRECT", byOld.disagreements().get(0).recorded());
        assertEquals("WRONG", byOld.disagreements().get(0).current());
        assertEquals(log.graded.get(1).ref(), byOld.disagreements().get(0).record());
        assertEquals(new RegradeResult("1.0.0", 1, 1, List.of()), report.regrade().get(1));
    }

    private static AuditInput withTruth(RecordLog log, Map<String, String> truth) {
        return new AuditInput(log.prompts, log.attempts, log.graded, log.trajectories, truth, List.of(), Map.of());
    }
}
