package io.rollstream.feeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.tasks.TaskItem;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedRecordsTest {

    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    private static final TaskItem SECRET = new TaskItem("q-secret", "What is the secret number?",
            "ANSWER-7331", "SOLUTION-TEXT then \\boxed{ANSWER-7331}", "synthetic", "train");

    @Test
    void shouldStartEveryEpisodeWithTheExactSystemPromptAndTheProblem() {
        for (ProtocolTemplate template : ProtocolTemplate.values()) {
            FeedRecords records = new FeedRecords(FeedConfigs.synthetic(1, 3, "1-5", template));
            for (int q = 0; q < 50; q++) {
                TaskItem item = new TaskItem("q" + q, "Compute " + q + "+1.", Integer.toString(q + 1), null,
                        "synthetic", "train");
                for (Prompt prompt : records.firstPrompts(item, NOW)) {
                    int n = prompt.getMaxAttempts();
                    assertTrue(n >= 1 && n <= 5, "N = " + n);
                    assertEquals(List.of(new Message(Role.SYSTEM, EpisodeProtocol.systemPrompt(template, n)),
                            new Message(Role.USER, item.problem())), prompt.getMessages());
                    assertEquals(1, prompt.getAttempt());
                    assertEquals(template, prompt.getTemplate());
                }
            }
        }
    }

    @Test
    void shouldNeverPutTheAnswerOrSolutionIntoAPrompt() {
        FeedRecords records = new FeedRecords(FeedConfigs.synthetic(1, 8, "1-5", ProtocolTemplate.PAPER));
        for (Prompt prompt : records.firstPrompts(SECRET, NOW)) {
            String everything = prompt.toString();
            assertFalse(everything.contains("ANSWER-7331"), everything);
            assertFalse(everything.contains("SOLUTION-TEXT"), everything);
        }
        Question question = records.question(SECRET, NOW);
        assertEquals("ANSWER-7331", question.getAnswer());
        assertEquals(SECRET.solution(), question.getSolution());
        assertEquals(NOW, question.getCreatedAt());
    }

    @Test
    void shouldShareOneGroupIdAndNAcrossTheGEpisodesOfAQuestion() {
        FeedRecords records = new FeedRecords(FeedConfigs.synthetic(1, 8, "1-5", ProtocolTemplate.PAPER));
        List<Prompt> group = records.firstPrompts(SECRET, NOW);
        assertEquals(8, group.size());
        Set<String> episodes = new HashSet<>();
        for (Prompt prompt : group) {
            assertEquals(group.get(0).getGroupId(), prompt.getGroupId());
            assertEquals(group.get(0).getMaxAttempts(), prompt.getMaxAttempts());
            assertEquals(8, prompt.getGroupSize());
            assertTrue(episodes.add(prompt.getEpisodeId()));
            assertFalse(prompt.getGroupId().equals(prompt.getEpisodeId()));
        }
        Prompt other = records.firstPrompts(new TaskItem("q-other", "p", "1", null, "synthetic", "train"), NOW).get(0);
        assertNotEquals(group.get(0).getGroupId(), other.getGroupId());
    }

    @Test
    void shouldUseTheEpisodeIdAsGroupIdWhenUngrouped() {
        Prompt only = new FeedRecords(FeedConfigs.synthetic(1, 1, "2", ProtocolTemplate.PAPER))
                .firstPrompts(SECRET, NOW).get(0);
        assertEquals(only.getEpisodeId(), only.getGroupId());
        assertEquals(1, only.getGroupSize());
        assertEquals(2, only.getMaxAttempts());
    }

    @Test
    void shouldDeriveEpisodeIdsFromSeedQuestionAndIndexOnly() {
        FeedRecords records = new FeedRecords(FeedConfigs.synthetic(1, 4, "1-5", ProtocolTemplate.PAPER));
        List<Prompt> first = records.firstPrompts(SECRET, NOW);
        List<Prompt> again = records.firstPrompts(SECRET, NOW.plusSeconds(60));
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).getEpisodeId(), again.get(i).getEpisodeId());
            assertEquals(FeedRecords.episodeId(FeedConfigs.POLICY, "", 42, "q-secret", i), first.get(i).getEpisodeId());
        }
        String id = FeedRecords.episodeId("p", "", 42, "q-secret", 0);
        assertNotEquals(id, FeedRecords.episodeId("p", "", 43, "q-secret", 0));
        assertNotEquals(id, FeedRecords.episodeId("p", "", 42, "q-secret2", 0));
        assertNotEquals(id, FeedRecords.episodeId("other", "", 42, "q-secret", 0), "policies never share episodes");
        assertNotEquals(id, FeedRecords.episodeId("p", "run-2", 42, "q-secret", 0), "nor do runs");
    }

    @Test
    void shouldCopyTheEpisodeSettingsIntoEveryPrompt() {
        Prompt prompt = new FeedRecords(FeedConfigs.synthetic(1, 1, "3", ProtocolTemplate.COMPACT))
                .firstPrompts(SECRET, NOW).get(0);
        assertEquals(PromptOrigin.FRESH, prompt.getOrigin());
        assertEquals(400, prompt.getTokenBudget());
        assertEquals(0, prompt.getTokensUsed());
        assertEquals(120, prompt.getMaxNewTokens());
        assertEquals(0.7f, prompt.getTemperature());
        assertEquals(3L, prompt.getPolicyVersion());
        assertNull(prompt.getResponsePrefix());
        assertEquals(NOW, prompt.getCreatedAt());
        assertEquals("q-secret", prompt.getQuestionId());
        assertEquals(FeedConfigs.POLICY, prompt.getPolicyName());
        assertEquals(prompt.getEpisodeId() + "/1", prompt.getPromptId());
        assertEquals(Decoding.SAMPLE, prompt.getDecoding());
        FeedConfig c = FeedConfigs.synthetic(1, 1, "3", ProtocolTemplate.COMPACT);
        FeedConfig search = new FeedConfig(c.bootstrapServers(), c.schemaRegistryUrl(), c.dataset(), c.split(),
                c.limit(), c.seed(), c.difficulty(), c.attempts(), c.groupSize(), c.origin(), c.template(),
                c.tokenBudget(), c.maxNewTokens(), c.temperature(), c.policyVersion(), c.ratePerSecond(),
                c.policyName(), c.runId(), Decoding.VALUE_GUIDED_SEARCH);
        assertEquals(Decoding.VALUE_GUIDED_SEARCH, new FeedRecords(search).firstPrompts(SECRET, NOW).get(0).getDecoding());
    }

    @Test
    void shouldDrawNUniformlyAcrossQuestions() {
        FeedRecords records = new FeedRecords(FeedConfigs.synthetic(1, 1, "1-5", ProtocolTemplate.PAPER));
        int[] counts = new int[6];
        for (int q = 0; q < 5000; q++) {
            counts[records.maxAttempts("question-" + q)]++;
        }
        for (int n = 1; n <= 5; n++) {
            assertTrue(Math.abs(counts[n] - 1000) < 150, "N=" + n + " drawn " + counts[n] + " times");
        }
    }
}
