package io.rollstream.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.avro.Verdict;
import io.rollstream.tasks.TaskItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-question views of an evaluation, on episodes written by hand. */
class EvalEpisodesTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final List<TaskItem> ITEMS = List.of(
            new TaskItem("q1", "1+1", "2", null, "synthetic", "test"),
            new TaskItem("q2", "2+2", "4", null, "synthetic", "test"));

    /**
     * Two samples, K = 2. Sample 0: q1 solves N=1, and N=2 at attempt 2; q2 fails both. Sample 1: q1 solves N=1
     * and N=2 at attempt 1; q2 never closes at N=1 and solves N=2 at attempt 2 after a token-limit attempt.
     */
    private static EvalEpisodes fixture() {
        List<Trajectory> episodes = new ArrayList<>(Arrays.asList(
                // sample 0, k = 1: q1, q2
                episode(FinishReason.BOXED, Verdict.CORRECT), episode(FinishReason.BOXED, Verdict.WRONG),
                // sample 0, k = 2
                episode(FinishReason.BOXED, Verdict.WRONG, Verdict.CORRECT),
                episode(FinishReason.BOXED, Verdict.WRONG, Verdict.WRONG),
                // sample 1, k = 1
                episode(FinishReason.BOXED, Verdict.CORRECT), null,
                // sample 1, k = 2
                episode(FinishReason.BOXED, Verdict.CORRECT),
                episode(FinishReason.MAX_TOKENS, Verdict.UNFORMATTED, Verdict.CORRECT)));
        return new EvalEpisodes(ITEMS, 2, List.of(1, 2), episodes, null);
    }

    @Test
    void shouldGiveTheShareOfSamplesSolvedPerQuestion() {
        EvalEpisodes e = fixture();
        assertArrayEquals(new double[] {1.0, 0.0}, e.solvedWithAttempts(1));
        assertArrayEquals(new double[] {1.0, 0.5}, e.solvedWithAttempts(2));
        assertArrayEquals(new int[] {2, 0}, e.correctSingleAttempts());
    }

    @Test
    void shouldCountASolveByTheAttemptItCameAt() {
        EvalEpisodes e = fixture();
        // q1: attempt 2 in sample 0, attempt 1 in sample 1; q2: attempt 2 in sample 1 only.
        assertArrayEquals(new double[] {0.5, 0.0}, e.solvedByAttempt(2, 1));
        assertArrayEquals(new double[] {1.0, 0.5}, e.solvedByAttempt(2, 2));
    }

    @Test
    void shouldProfileEachAttemptIndex() {
        List<EvalEpisodes.AttemptProfile> profiles = fixture().attemptProfiles(2);
        assertEquals(4, profiles.get(0).made());
        assertEquals(1, profiles.get(0).correct()); // q1 sample 1
        assertEquals(0.25, profiles.get(0).share(FinishReason.MAX_TOKENS));
        assertEquals(3, profiles.get(1).made());
        assertEquals(2, profiles.get(1).correct());
        // Only sample 0's q2 boxed its first answer again ("w" twice, both wrong).
        assertEquals(0, profiles.get(0).repeated());
        assertEquals(1, profiles.get(1).repeated());
    }

    @Test
    void shouldTallyAccuracyOverEverySample() {
        List<AccuracyAtK> accuracy = fixture().accuracy();
        assertEquals(new AccuracyAtK(1, 4, 2, 3, 1, 0, 0), accuracy.get(0));
        assertEquals(new AccuracyAtK(2, 4, 3, 4, 0, 0, 0), accuracy.get(1));
    }

    @Test
    void shouldRejectAWrongNumberOfEpisodes() {
        assertThrows(IllegalArgumentException.class, () -> new EvalEpisodes(ITEMS, 2, List.of(1, 2), List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> fixture().solvedWithAttempts(3));
    }

    /** Every wrong attempt boxes "w", every correct one "c"; an unformatted one boxes nothing. */
    private static String extracted(Verdict verdict) {
        return switch (verdict) {
            case CORRECT -> "c";
            case WRONG -> "w";
            default -> null;
        };
    }

    private static Trajectory episode(FinishReason firstFinish, Verdict... verdicts) {
        List<GradedAttempt> attempts = new ArrayList<>();
        for (int a = 0; a < verdicts.length; a++) {
            Attempt attempt = Attempt.newBuilder().setEpisodeId("e").setAttempt(a + 1).setPromptId("e/" + (a + 1))
                    .setPolicyName("p").setRunId("r").setResponse("x").setPromptTokenIds(List.of())
                    .setResponseTokenIds(List.of()).setLogProbs(List.of()).setTemperature(0f).setTopP(1f)
                    .setFinishReason(a == 0 ? firstFinish : FinishReason.BOXED).setPolicyVersion(1L)
                    .setActorId("a").setStartedAt(T0).setFinishedAt(T0).build();
            attempts.add(GradedAttempt.newBuilder().setEpisodeId("e").setAttempt(a + 1).setAttemptRecord(attempt)
                    .setExtractedAnswer(extracted(verdicts[a])).setVerdict(verdicts[a]).setVerdictReason(null).setReward(0f)
                    .setFeedback(null).setClosesEpisode(a == verdicts.length - 1).setGraderVersion("t")
                    .setGradingMicros(1L).setGradedAt(T0).setPolicyName("p").setRunId("r").build());
        }
        boolean solved = Arrays.asList(verdicts).contains(Verdict.CORRECT);
        return Trajectory.newBuilder().setEpisodeId("e").setQuestionId("q").setGroupId("e").setGroupSize(1)
                .setMaxAttempts(verdicts.length).setOrigin(PromptOrigin.EVAL).setAttempts(attempts)
                .setOutcome(solved ? Outcome.SOLVED : Outcome.FAILED).setTerminalReward(solved ? 1f : -0.5f)
                .setTokensUsed(0).setPolicyVersions(List.of(1L)).setGraderVersion("t").setOpenedAt(T0)
                .setClosedAt(T0).setMessages(List.of(new Message(Role.USER, "q"))).build();
    }
}
