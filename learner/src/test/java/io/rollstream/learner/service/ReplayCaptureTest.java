package io.rollstream.learner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.learner.replay.CandidateRules;
import io.rollstream.learner.replay.ReplayBuffer;
import io.rollstream.learner.replay.ReplayBufferConfig;
import io.rollstream.learner.replay.ReplayReason;
import io.rollstream.learner.replay.ReplayState;
import io.rollstream.learner.train.SequenceBuilder;
import io.rollstream.learner.train.TrainingSequence;
import io.rollstream.learner.train.TrajectoryFixtures;
import io.rollstream.policy.tokenizer.ChatRole;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Trajectory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a trained batch offers the replay buffer: the step boundaries of failed episodes' last attempts, valued by
 * the critic at the token where the boundary falls, through the candidate rules (bar 0.25 or the batch's top 10%,
 * at most 2 per answer).
 */
class ReplayCaptureTest {

    // Boundaries of "2+3=6\nso\n\boxed{6}": offset 6 (after "2+3=6\n") and offset 9 (after "so\n").
    private static final String WRONG = "2+3=6\nso\n\\boxed{6}";
    private static final SequenceBuilder SEQUENCES = new SequenceBuilder(TrajectoryFixtures.TOKENIZER);
    private static final CandidateRules ABSOLUTE = CandidateRules.defaults().withTopFraction(0);

    @Test
    void shouldKeepTheBoundariesTheCriticRatesPromisingBestFirst() {
        Trajectory failed = TrajectoryFixtures.single("e1", "e1", 1, WRONG, -0.5f, 3L);
        ReplayBuffer buffer = new ReplayBuffer(ReplayBufferConfig.defaults());
        // The critic's value of the state before token p is values[p]: 0.5 at offset 6, 0.3 at offset 9.
        float[] values = values(failed, 6, 0.5f, 9, 0.3f);
        // offered 0.5 and 0.3: the top 10% (one state, 0.5) is above 0.25, so the bar stays 0.25
        ReplayCapture.Captured captured = capture(List.of(failed), List.of(values), buffer, CandidateRules.defaults(),
                4);
        assertEquals(new ReplayCapture.Captured(2, 0.25f, 2), captured);
        List<ReplayState> states = buffer.take(10, 4);
        assertEquals(2, states.size());
        ReplayState best = states.stream().filter(s -> s.criticValue() == 0.5f).findFirst().orElseThrow();
        assertEquals("2+3=6\n", best.responsePrefix());
        assertEquals(ReplayReason.PROMISING_FAILED, best.reason());
        assertEquals(4, best.createdAtStep());
        assertEquals("e1", best.origin().episodeId());
        assertEquals(1, best.origin().attempt());
        assertEquals(3L, best.origin().policyVersion());
        assertEquals("q-e1", best.questionId());
        assertEquals(List.of(ChatRole.SYSTEM, ChatRole.USER), best.conversation().stream()
                .map(t -> t.role()).toList(), "the conversation before the continued turn");
        ReplayState second = states.stream().filter(s -> s.criticValue() == 0.3f).findFirst().orElseThrow();
        assertEquals("2+3=6\nso\n", second.responsePrefix());
    }

    @Test
    void shouldOfferNothingFromASolvedEpisodeOrFromStatesBelowTheAbsoluteBarInAnUnmixedGroup() {
        Trajectory solved = TrajectoryFixtures.single("e2", "e2", 1, "2+3=5\nso\n\\boxed{5}", 1f, 1L);
        Trajectory failed = TrajectoryFixtures.single("e3", "e3", 1, WRONG, -0.5f, 1L);
        ReplayBuffer buffer = new ReplayBuffer(ReplayBufferConfig.defaults());
        ReplayCapture.Captured captured = capture(List.of(solved, failed), List.of(values(solved, 6, 0.9f, 9, 0.9f),
                values(failed, 6, 0.2f, 9, 0.1f)), buffer, ABSOLUTE, 1);
        assertEquals(new ReplayCapture.Captured(2, 0.25f, 0), captured, "the solved answer offers nothing");
        assertEquals(0, buffer.size());
    }

    @Test
    void shouldKeepTheMostHopefulStateOfAFailedAnswerInAMixedGroup() {
        Trajectory solved = TrajectoryFixtures.single("e4", "g", 2, "2+3=5\nso\n\\boxed{5}", 1f, 1L);
        Trajectory failed = TrajectoryFixtures.single("e5", "g", 2, WRONG, -0.5f, 1L);
        ReplayBuffer buffer = new ReplayBuffer(ReplayBufferConfig.defaults());
        int held = capture(List.of(solved, failed), List.of(values(solved, 6, 0f, 9, 0f),
                values(failed, 6, 0.1f, 9, 0.2f)), buffer, ABSOLUTE, 1).held();
        assertEquals(1, held);
        ReplayState state = buffer.take(1, 1).get(0);
        assertEquals(ReplayReason.MIXED_GROUP, state.reason());
        assertEquals("2+3=6\nso\n", state.responsePrefix(), "the boundary of the highest value, 0.2");
        assertEquals(0.2f, state.criticValue());
    }

    @Test
    void shouldCutALaterAttemptAfterTheEarlierOnesAndTheirFeedback() {
        Trajectory two = TrajectoryFixtures.twoAttempts("e6", "\\boxed{4}", WRONG, 2L);
        Trajectory failed = Trajectory.newBuilder(two).setOutcome(Outcome.FAILED).setTerminalReward(-1f).build();
        TrainingSequence sequence = SEQUENCES.build(failed);
        int from = sequence.lastAttemptFrom();
        float[] values = new float[sequence.response().length];
        values[from + 6] = 0.7f;
        ReplayBuffer buffer = new ReplayBuffer(ReplayBufferConfig.defaults());
        assertEquals(1, ReplayCapture.capture(List.of(failed), List.of(sequence), List.of(values), buffer,
                CandidateRules.defaults(), 2).held());
        ReplayState state = buffer.take(1, 2).get(0);
        assertEquals("2+3=6\n", state.responsePrefix());
        assertEquals(2, state.origin().attempt());
        assertEquals(2, state.origin().maxAttempts());
        List<ChatRole> roles = state.conversation().stream().map(t -> t.role()).toList();
        assertEquals(List.of(ChatRole.SYSTEM, ChatRole.USER, ChatRole.ASSISTANT, ChatRole.SYSTEM), roles);
        assertEquals("\\boxed{4}", state.conversation().get(2).content(), "the first attempt, then its feedback");
        assertEquals(TrajectoryFixtures.FEEDBACK, state.conversation().get(3).content());
    }

    @Test
    void shouldKeepTheBatchsTopStatesWhenTheCriticValuesEveryStateBelowTheAbsoluteBar() {
        // A critic fitted to a rarely solving policy: every value near the failure reward, -0.5.
        float[][] pairs = {{-0.40f, -0.42f}, {-0.30f, -0.45f}, {-0.41f, -0.43f}, {-0.20f, -0.44f}, {-0.46f, -0.47f}};
        List<Trajectory> batch = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        for (int i = 0; i < pairs.length; i++) {
            Trajectory t = TrajectoryFixtures.single("f" + i, "f" + i, 1, WRONG, -0.5f, 1L);
            batch.add(t);
            values.add(values(t, 6, pairs[i][0], 9, pairs[i][1]));
        }
        // top 10% of 10 offered = 1 state: -0.20, the first boundary of f3
        ReplayBuffer buffer = new ReplayBuffer(ReplayBufferConfig.defaults());
        assertEquals(new ReplayCapture.Captured(10, -0.20f, 1), capture(batch, values, buffer,
                CandidateRules.defaults(), 5));
        ReplayState state = buffer.take(1, 5).get(0);
        assertEquals("f3", state.origin().episodeId());
        assertEquals("2+3=6\n", state.responsePrefix());
        assertEquals(ReplayReason.PROMISING_FAILED, state.reason());
        // top 25% of 10 = 3 states: -0.20, -0.30, -0.40 (first boundaries of f3, f1, f0)
        ReplayBuffer wider = new ReplayBuffer(ReplayBufferConfig.defaults());
        assertEquals(new ReplayCapture.Captured(10, -0.40f, 3), capture(batch, values, wider,
                CandidateRules.defaults().withTopFraction(0.25), 5));
        assertEquals(List.of("f0", "f1", "f3"), wider.take(10, 5).stream().map(s -> s.origin().episodeId())
                .sorted().toList());
        // the absolute bar alone keeps none of them
        assertEquals(0, capture(batch, values, new ReplayBuffer(ReplayBufferConfig.defaults()), ABSOLUTE, 5).held());
    }

    private static ReplayCapture.Captured capture(List<Trajectory> batch, List<float[]> values, ReplayBuffer buffer,
                                                  CandidateRules rules, long step) {
        List<TrainingSequence> sequences = new ArrayList<>();
        batch.forEach(t -> sequences.add(SEQUENCES.build(t)));
        return ReplayCapture.capture(batch, sequences, values, buffer, rules, step);
    }

    /** Critic values over a single attempt's response tokens, 0 except at two offsets. */
    private static float[] values(Trajectory t, int at1, float v1, int at2, float v2) {
        TrainingSequence sequence = SEQUENCES.build(t);
        assertTrue(sequence.lastAttemptFrom() == 0, "a single attempt starts the response");
        float[] values = new float[sequence.response().length];
        values[at1] = v1;
        values[at2] = v2;
        return values;
    }
}
