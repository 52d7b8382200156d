package io.rollstream.learner.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.schemas.avro.Trajectory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceBuilderTest {

    private static final CharTokenizer TOKENIZER = TrajectoryFixtures.TOKENIZER;
    private final SequenceBuilder builder = new SequenceBuilder(TOKENIZER);

    @Test
    void shouldTrainBothAttemptsAndMaskTheFeedbackSpanOfATwoAttemptTrajectory() {
        Trajectory t = TrajectoryFixtures.twoAttempts("e1", "\\boxed{6}", "\\boxed{5}", 3L);
        TrainingSequence s = builder.build(t);

        int[] feedbackSpan = concat(new int[] {CharTokenizer.END_OF_TURN},
                TOKENIZER.encodeMessage(ChatMessage.system(TrajectoryFixtures.FEEDBACK)),
                new int[] {CharTokenizer.ASSISTANT});
        int[] expected = concat(TOKENIZER.encodeText("\\boxed{6}"), feedbackSpan, TOKENIZER.encodeText("\\boxed{5}"));
        assertArrayEquals(expected, s.response());
        assertArrayEquals(TrajectoryFixtures.promptTokens(t.getMessages()), s.prompt());

        int r1 = 9;
        int f = feedbackSpan.length;
        for (int j = 0; j < expected.length; j++) {
            boolean trained = j < r1 || j >= r1 + f;
            assertEquals(trained ? 1f : 0f, s.trainMask()[j], "mask at " + j);
            float old = j < r1 ? TrajectoryFixtures.logProb(1, j)
                    : j >= r1 + f ? TrajectoryFixtures.logProb(2, j - r1 - f) : 0f;
            assertEquals(old, s.oldLogProbs()[j], 1e-7f, "old log-prob at " + j);
        }
        assertEquals(r1 + f, s.lastAttemptFrom());
        assertEquals(1f, s.reward());
        assertEquals(3L, s.oldestVersion());
        assertEquals(18, s.trainedTokens());
    }

    @Test
    void shouldRenderTheFeedbackSpanWhenTheRecordedPromptDoesNotExtendTheSequence() {
        Trajectory t = TrajectoryFixtures.twoAttempts("e1", "\\boxed{6}", "\\boxed{5}", 3L);
        List<Integer> altered = new ArrayList<>(t.getAttempts().get(1).getAttemptRecord().getPromptTokenIds());
        altered.set(3, CharTokenizer.UNKNOWN);
        t.getAttempts().get(1).getAttemptRecord().setPromptTokenIds(altered);

        TrainingSequence rendered = builder.build(t);
        TrainingSequence recorded = builder.build(TrajectoryFixtures.twoAttempts("e1", "\\boxed{6}", "\\boxed{5}", 3L));

        assertArrayEquals(recorded.response(), rendered.response());
        assertArrayEquals(recorded.trainMask(), rendered.trainMask());
    }

    @Test
    void shouldRefuseATrajectoryWithoutTerminalReward() {
        Trajectory timeout = TrajectoryFixtures.single("e2", "e2", 1, "\\boxed{2}", null, 0L);
        assertThrows(IllegalArgumentException.class, () -> builder.build(timeout));
    }

    private static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
