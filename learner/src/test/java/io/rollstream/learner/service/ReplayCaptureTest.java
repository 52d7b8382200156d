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
 * the critic at the token where the boundary falls, through the candidate rules (threshold 0.25, at most 2).
 */
class ReplayCaptureTest {

    // Boundaries of "2+3=6\nso\n\boxed{6}": offset 6 (after "2+3=6\n") and offset 9 (after "so\n").
    private static final String WRONG = "2+3=6\nso\n\\boxed{6}";
    private static final SequenceBuilder SEQUENCES = new SequenceBuilder(TrajectoryFixtures.TOKENIZER);

    @Test
    void shouldKeepTheBoundariesTheCriticRatesPromisingBestFirst() {
        Trajectory failed = TrajectoryFixtures.single("e1", "e1", 1, WRONG, -0.5f, 3L);
        ReplayBuffer buffer = new ReplayBuffer(ReplayBufferConfig.defaults());
        // The critic's value of the state before token p is values[p]: 0.5 at offset 6, 0.3 at offset 9.
        float[] values = values(failed, 6, 0.5f, 9, 0.3f);
        int held = capture(List.of(failed), List.of(values), buffer, 4);
        assertEquals(2, held);
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
    void shouldOfferNothingFromASolvedEpisodeOrFromStatesBelowTheThresholdInAnUnmixedGroup() {
        Trajectory solved = TrajectoryFixtures.single("e2", "e2", 1, "2+3=5\nso\n\\boxed{5}", 1f, 1L);
        Trajectory failed = TrajectoryFixtures.single("e3", "e3", 1, WRONG, -0.5f, 1L);
        ReplayBuffer buffer = new ReplayBuffer(ReplayBufferConfig.defaults());
        int held = capture(List.of(solved, failed), List.of(values(solved, 6, 0.9f, 9, 0.9f),
                values(failed, 6, 0.2f, 9, 0.1f)), buffer, 1);
        assertEquals(0, held);
        assertEquals(0, buffer.size());
    }

    @Test
    void shouldKeepTheMostHopefulStateOfAFailedAnswerInAMixedGroup() {
        Trajectory solved = TrajectoryFixtures.single("e4", "g", 2, "2+3=5\nso\n\\boxed{5}", 1f, 1L);
        Trajectory failed = TrajectoryFixtures.single("e5", "g", 2, WRONG, -0.5f, 1L);
        ReplayBuffer buffer = new ReplayBuffer(ReplayBufferConfig.defaults());
        int held = capture(List.of(solved, failed), List.of(values(solved, 6, 0f, 9, 0f),
                values(failed, 6, 0.1f, 9, 0.2f)), buffer, 1);
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
                CandidateRules.defaults(), 2));
        ReplayState state = buffer.take(1, 2).get(0);
        assertEquals("2+3=6\n", state.responsePrefix());
        assertEquals(2, state.origin().attempt());
        assertEquals(2, state.origin().maxAttempts());
        List<ChatRole> roles = state.conversation().stream().map(t -> t.role()).toList();
        assertEquals(List.of(ChatRole.SYSTEM, ChatRole.USER, ChatRole.ASSISTANT, ChatRole.SYSTEM), roles);
        assertEquals("\\boxed{4}", state.conversation().get(2).content(), "the first attempt, then its feedback");
        assertEquals(TrajectoryFixtures.FEEDBACK, state.conversation().get(3).content());
    }

    private static int capture(List<Trajectory> batch, List<float[]> values, ReplayBuffer buffer, long step) {
        List<TrainingSequence> sequences = new ArrayList<>();
        batch.forEach(t -> sequences.add(SEQUENCES.build(t)));
        return ReplayCapture.capture(batch, sequences, values, buffer, CandidateRules.defaults(), step);
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
