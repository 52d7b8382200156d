package io.rollstream.learner.replay;

import io.rollstream.policy.tokenizer.ChatRole;
import io.rollstream.policy.tokenizer.ChatMessage;
import static io.rollstream.learner.replay.ReplayFixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    // Dyadic weights keep every score below exact in binary, so ties are real ties.
    private static final double AGE_WEIGHT = 1.0 / 64;
    private static final double VISIT_WEIGHT = 0.125;

    private static ReplayBuffer buffer(int capacity, int maxVisits) {
        return new ReplayBuffer(new ReplayBufferConfig(capacity, maxVisits, AGE_WEIGHT, VISIT_WEIGHT));
    }

    @Test
    void shouldScoreByValueMinusAgeAndVisits() {
        ReplayBuffer buffer = buffer(4, 4);
        ReplayState s = new ReplayState("q-1", ReplayFixtures.ORIGIN, ReplayFixtures.CONVERSATION, "x\n", 0.5f,
                ReplayReason.MIXED_GROUP, 8, 2);
        // 0.5 - (24 - 8)/64 - 2*0.125 = 0.5 - 0.25 - 0.25 = 0
        assertEquals(0.0, buffer.retentionScore(s, 24), 1e-12);
        // a step before creation counts as age 0: 0.5 - 0.25 = 0.25
        assertEquals(0.25, buffer.retentionScore(s, 0), 1e-12);
    }

    @Test
    void shouldEvictTheLowestScoreWhenOverCapacity() {
        ReplayBuffer buffer = buffer(2, 4);
        ReplayState a = state("a\n", 0.5f, 0);
        ReplayState b = state("b\n", 0.25f, 8);
        ReplayState c = state("c\n", 0.375f, 8);
        assertTrue(buffer.offer(a, 0));
        assertTrue(buffer.offer(b, 8));
        // at step 8: a = 0.5 - 8/64 = 0.375, b = 0.25, c = 0.375 -> b goes
        assertTrue(buffer.offer(c, 8));
        assertEquals(List.of(a, c), buffer.states());
        // d = 0.3125 is below both, so it is evicted on arrival
        assertFalse(buffer.offer(state("d\n", 0.3125f, 8), 8));
        assertEquals(List.of(a, c), buffer.states());
    }

    @Test
    void shouldTakeBestFirstPreferNewerOnTiesAndRotateByVisits() {
        ReplayBuffer buffer = buffer(4, 4);
        ReplayState a = state("a\n", 0.5f, 0);
        ReplayState c = state("c\n", 0.375f, 8);
        buffer.offer(a, 0);
        buffer.offer(c, 8);
        // at step 8 both score 0.375; c is newer
        List<ReplayState> first = buffer.take(1, 8);
        assertEquals(List.of(c.visited()), first);
        assertEquals(1, first.get(0).visits());
        // c now scores 0.375 - 0.125 = 0.25, so a comes next
        assertEquals(List.of(a.visited()), buffer.take(1, 8));
        assertEquals(2, buffer.size());
    }

    @Test
    void shouldDropStatesOnTheirLastVisit() {
        ReplayBuffer buffer = buffer(4, 2);
        buffer.offer(state("a\n", 0.5f, 0), 0);
        assertEquals(1, buffer.take(5, 1).size());
        List<ReplayState> second = buffer.take(5, 2);
        assertEquals(2, second.get(0).visits());
        assertEquals(0, buffer.size());
        assertEquals(List.of(), buffer.take(5, 3));
    }

    @Test
    void shouldRefuseAStateWithNoVisitsLeft() {
        ReplayBuffer buffer = buffer(4, 2);
        ReplayState spent = new ReplayState("q-1", ReplayFixtures.ORIGIN, ReplayFixtures.CONVERSATION, "a\n", 1f,
                ReplayReason.PROMISING_FAILED, 0, 2);
        assertFalse(buffer.offer(spent, 0));
        assertEquals(0, buffer.size());
    }

    @Test
    void shouldRoundTripThroughJson() throws IOException {
        ReplayBuffer buffer = buffer(4, 4);
        buffer.offer(state("Let x = 2.\n", 0.5f, 3), 3);
        buffer.offer(new ReplayState("q-2", new EpisodeOrigin("ep-9", "g-9", 2, 3, 11L, "run-1"),
                List.of(new ChatMessage(ChatRole.ASSISTANT, "\"quoted\" \\boxed{4}\n")),
                "Try again: ✓\n", -0.1f, ReplayReason.MIXED_GROUP, 5, 0), 5);
        buffer.take(1, 6);

        byte[] json = buffer.toJson();
        ReplayBuffer restored = ReplayBuffer.fromJson(json, new ReplayBufferConfig(4, 4, AGE_WEIGHT, VISIT_WEIGHT));

        assertEquals(buffer.states(), restored.states());
        assertEquals(6, restored.lastStep());
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"formatVersion\":1"));
    }

    @Test
    void shouldApplyTodaysCapacityWhenRestoring() throws IOException {
        ReplayBuffer buffer = buffer(4, 4);
        ReplayState low = state("low\n", 0.1f, 0);
        ReplayState high = state("high\n", 0.9f, 0);
        buffer.offer(low, 0);
        buffer.offer(high, 0);
        ReplayBuffer restored = ReplayBuffer.fromJson(buffer.toJson(),
                new ReplayBufferConfig(1, 4, AGE_WEIGHT, VISIT_WEIGHT));
        assertEquals(List.of(high), restored.states());
    }

    @Test
    void shouldRejectUnreadableOrForeignSnapshots() {
        ReplayBufferConfig config = ReplayBufferConfig.defaults();
        assertThrows(IOException.class,
                () -> ReplayBuffer.fromJson("not json".getBytes(StandardCharsets.UTF_8), config));
        assertThrows(IOException.class, () -> ReplayBuffer.fromJson(
                "{\"formatVersion\":99,\"lastStep\":0,\"states\":[]}".getBytes(StandardCharsets.UTF_8), config));
        // A state without a prefix breaks the record's own validation.
        String emptyPrefix = "{\"formatVersion\":1,\"lastStep\":0,\"states\":[{\"questionId\":\"q\","
                + "\"origin\":{\"episodeId\":\"e\",\"groupId\":\"g\",\"attempt\":1,\"maxAttempts\":1,\"policyVersion\":0},"
                + "\"conversation\":[],\"responsePrefix\":\"\",\"criticValue\":0.5,\"reason\":\"MIXED_GROUP\","
                + "\"createdAtStep\":0,\"visits\":0}]}";
        assertThrows(IOException.class,
                () -> ReplayBuffer.fromJson(emptyPrefix.getBytes(StandardCharsets.UTF_8), config));
    }
}
