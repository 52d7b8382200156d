package io.rollstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.PromptOrigin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttemptWorkloadTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void shouldWriteOneKibResponsesWithOneTokenIdAndOneLogProbPerToken() {
        AttemptWorkload workload = AttemptWorkload.create("t", 12, 3, 1);
        for (int i = 0; i < 200; i++) {
            AttemptWorkload.ScriptedAttempt next = workload.next(NOW);
            Attempt attempt = next.attempt();
            assertEquals(AttemptWorkload.RESPONSE_CHARS, attempt.getResponse().length());
            int tokens = attempt.getResponseTokenIds().size();
            int expected = AttemptWorkload.RESPONSE_CHARS + (attempt.getFinishReason() == FinishReason.END_OF_TURN ? 1 : 0);
            assertEquals(expected, tokens, "ids per character, plus end of turn when unboxed");
            assertEquals(tokens, attempt.getLogProbs().size());
            assertTrue(attempt.getLogProbs().stream().allMatch(p -> p <= 0f && p > -10f), "log-probs are log(p)");
            assertTrue(attempt.getPromptTokenIds().size() > next.prompt().getMessages().get(1).getContent().length());
            assertEquals(NOW, attempt.getFinishedAt());
        }
    }

    @Test
    void shouldNumberAttemptsAndStopAnEpisodeAtItsFirstCorrectAttemptOrItsLast() {
        AttemptWorkload workload = AttemptWorkload.create("t", 12, 4, 7);
        List<AttemptWorkload.ScriptedAttempt> episode = new ArrayList<>();
        int episodes = 0;
        int multiAttempt = 0;
        for (int i = 0; i < 2_000; i++) {
            AttemptWorkload.ScriptedAttempt next = workload.next(NOW);
            Attempt attempt = next.attempt();
            if (attempt.getAttempt() == 1) {
                episodes++;
                episode.clear();
            }
            episode.add(next);
            int k = attempt.getAttempt();
            assertEquals(k, episode.size(), "attempts of an episode come in order");
            assertEquals(k, next.prompt().getAttempt());
            assertEquals(next.prompt().getPromptId(), attempt.getPromptId(), "an attempt names its prompt");
            assertEquals(k == 1, next.opensEpisode());
            assertEquals(k == 1 ? PromptOrigin.FRESH : PromptOrigin.RETRY, next.prompt().getOrigin());
            assertEquals(2 + 2 * (k - 1), next.prompt().getMessages().size(), "system, user, then answer+feedback");
            assertTrue(k <= next.prompt().getMaxAttempts());
            for (int j = 0; j < episode.size() - 1; j++) {
                assertFalse(episode.get(j).script().isCorrect(), "no attempt follows a correct one");
            }
            if (k > 1) {
                multiAttempt++;
                assertEquals(episode.get(0).attempt().getEpisodeId(), attempt.getEpisodeId());
            }
        }
        assertTrue(episodes > 500 && multiAttempt > 200, episodes + " episodes, " + multiAttempt + " later attempts");
    }

    @Test
    void shouldOnlyOpenSingleAttemptEpisodesWhenMaxAttemptsIsOne() {
        AttemptWorkload workload = AttemptWorkload.create("t", 12, 1, 3);
        for (int i = 0; i < 100; i++) {
            AttemptWorkload.ScriptedAttempt next = workload.next(NOW);
            Attempt attempt = next.attempt();
            assertEquals(1, attempt.getAttempt());
            assertEquals(1, next.prompt().getMaxAttempts());
            assertEquals("t-" + i, attempt.getEpisodeId());
        }
    }

    @Test
    void shouldScriptAnswersThatTheGradersCheckerJudgesAsScripted() {
        AttemptWorkload workload = AttemptWorkload.create("t", 2 * ScriptedQuestion.SHAPES, 1, 11);
        Set<AnswerScript> seen = EnumSet.noneOf(AnswerScript.class);
        try (AnswerChecker checker = new AnswerChecker(CheckerConfig.defaults())) {
            for (int i = 0; i < 400; i++) {
                AttemptWorkload.ScriptedAttempt next = workload.next(NOW);
                ScriptedQuestion question = workload.questions().stream()
                        .filter(q -> q.questionId().equals(next.prompt().getQuestionId()))
                        .findFirst().orElseThrow();
                String verdict = checker.grade(next.attempt().getResponse(), question.answer()).name();
                assertEquals(next.script().expectedVerdict(), verdict, next.script() + " answer "
                        + question.answerFor(next.script()) + " to ground truth " + question.answer());
                seen.add(next.script());
            }
        }
        assertEquals(EnumSet.allOf(AnswerScript.class), seen);
    }
}
