package io.rollstream.learner.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayCandidatesTest {

    // Boundaries of "s1\ns2\ns3\ns4" are 3, 6 and 9 (the starts of s2, s3, s4).
    private static final String RESPONSE = "s1\ns2\ns3\ns4";
    private static final CandidateRules RULES = new CandidateRules(0.25f, 2, 0);

    private static CandidateSource source(boolean solved, float v3, float v6, float v9) {
        return new CandidateSource("q-1", ReplayFixtures.ORIGIN, ReplayFixtures.CONVERSATION, RESPONSE, solved,
                List.of(new StepValue(3, v3), new StepValue(6, v6), new StepValue(9, v9)));
    }

    @Test
    void shouldPlaceBoundariesAfterNewlinesCountingBlankLinesOnce() {
        assertEquals(List.of(3, 6, 9), StepBoundaries.of(RESPONSE));
        // "ab\ncd\n\nef\n": after the first newline (3) and after the blank line (7); the end is not one
        assertEquals(List.of(3, 7), StepBoundaries.of("ab\ncd\n\nef\n"));
        assertEquals(List.of(), StepBoundaries.of("no newline"));
    }

    @Test
    void shouldKeepHighValuedStatesOfAFailedEpisodeBestFirst() {
        List<ReplayState> states = ReplayCandidates.selectCandidates(
                source(false, 0.3f, 0.6f, 0.3f), new GroupOutcome(0, 8), RULES, RULES.valueThreshold(), 42);
        // all three pass 0.25; ranked 0.6@6, then the 0.3 tie by shorter prefix (3); capped at 2
        assertEquals(List.of("s1\ns2\n", "s1\n"), states.stream().map(ReplayState::responsePrefix).toList());
        ReplayState best = states.get(0);
        assertEquals(ReplayReason.PROMISING_FAILED, best.reason());
        assertEquals(0.6f, best.criticValue());
        assertEquals(42, best.createdAtStep());
        assertEquals(0, best.visits());
        assertEquals(ReplayFixtures.CONVERSATION, best.conversation());
        assertEquals(ReplayFixtures.ORIGIN, best.origin());
    }

    @Test
    void shouldKeepNothingFromASolvedEpisode() {
        assertEquals(List.of(), ReplayCandidates.selectCandidates(
                source(true, 0.9f, 0.9f, 0.9f), new GroupOutcome(4, 8), RULES, RULES.valueThreshold(), 1));
    }

    @Test
    void shouldKeepTheBestStateOfAFailedEpisodeInAMixedGroup() {
        List<ReplayState> states = ReplayCandidates.selectCandidates(
                source(false, 0.1f, -0.2f, 0.2f), new GroupOutcome(3, 8), RULES, RULES.valueThreshold(), 1);
        // nothing reaches 0.25, but 3 of 8 solved: keep the single best, 0.2 at offset 9
        assertEquals(1, states.size());
        assertEquals(ReplayReason.MIXED_GROUP, states.get(0).reason());
        assertEquals("s1\ns2\ns3\n", states.get(0).responsePrefix());
    }

    @Test
    void shouldKeepNothingBelowThresholdWhenTheGroupIsNotMixed() {
        assertEquals(List.of(), ReplayCandidates.selectCandidates(
                source(false, 0.1f, -0.2f, 0.2f), new GroupOutcome(0, 8), RULES, RULES.valueThreshold(), 1));
        assertEquals(List.of(), ReplayCandidates.selectCandidates(
                source(false, 0.1f, -0.2f, 0.2f), GroupOutcome.single(false), RULES, RULES.valueThreshold(), 1));
    }

    @Test
    void shouldRejectAnOffsetThatIsNotAStepBoundary() {
        assertThrows(IllegalArgumentException.class, () -> new CandidateSource("q-1", ReplayFixtures.ORIGIN,
                ReplayFixtures.CONVERSATION, RESPONSE, false, List.of(new StepValue(4, 0.9f))));
    }
}
