package io.rollstream.learner.train;

import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Trajectory;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns a closed episode into one {@link TrainingSequence}: the conversation of the last attempt, with the
 * policy's sampled tokens trained and everything between attempts masked out. The span between attempt k and
 * k+1 is taken from attempt k+1's recorded prompt when that prompt extends the sequence built so far (it is
 * exactly what the policy conditioned on); otherwise it is rendered: end of turn (unless sampled), the
 * feedback as a system turn, the assistant marker.
 */
public final class SequenceBuilder {

    private final CharTokenizer tokenizer;

    public SequenceBuilder(CharTokenizer tokenizer) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    }

    /**
     * @throws IllegalArgumentException when the trajectory has no terminal reward or its attempts are malformed
     */
    public TrainingSequence build(Trajectory trajectory) {
        Float reward = trajectory.getTerminalReward();
        if (reward == null) {
            throw new IllegalArgumentException("episode " + trajectory.getEpisodeId() + " has no terminal reward");
        }
        List<GradedAttempt> attempts = trajectory.getAttempts();
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("episode " + trajectory.getEpisodeId() + " has no attempts");
        }
        int[] prompt = ints(attempts.get(0).getAttemptRecord().getPromptTokenIds());
        TokenRow row = new TokenRow();
        long oldest = Long.MAX_VALUE;
        int lastFrom = 0;
        float temperature = 0f;
        for (int k = 0; k < attempts.size(); k++) {
            GradedAttempt graded = attempts.get(k);
            Attempt attempt = graded.getAttemptRecord();
            if (k > 0) {
                row.addMasked(bridge(prompt, row, attempts.get(k - 1), attempt));
            }
            int[] ids = ints(attempt.getResponseTokenIds());
            List<Float> logProbs = attempt.getLogProbs();
            if (logProbs.size() != ids.length) {
                throw new IllegalArgumentException("episode " + trajectory.getEpisodeId() + " attempt " + (k + 1)
                        + " has " + ids.length + " tokens but " + logProbs.size() + " log-probs");
            }
            lastFrom = row.size();
            for (int j = 0; j < ids.length; j++) {
                row.addTrained(ids[j], logProbs.get(j));
            }
            oldest = Math.min(oldest, attempt.getPolicyVersion());
            temperature = attempt.getTemperature();
        }
        return new TrainingSequence(trajectory.getEpisodeId(), trajectory.getGroupId(), prompt, row.ids(),
                row.mask(), row.logProbs(), temperature, reward, oldest, lastFrom);
    }

    private int[] bridge(int[] prompt, TokenRow row, GradedAttempt previous, Attempt next) {
        int[] recorded = ints(next.getPromptTokenIds());
        int[] soFar = concat(prompt, row.ids());
        if (recorded.length > soFar.length
                && Arrays.equals(Arrays.copyOf(recorded, soFar.length), soFar)) {
            return Arrays.copyOfRange(recorded, soFar.length, recorded.length);
        }
        String feedback = previous.getFeedback();
        if (feedback == null) {
            throw new IllegalArgumentException("attempt " + previous.getAttempt() + " of episode "
                    + previous.getEpisodeId() + " was followed by another attempt but carries no feedback");
        }
        int[] ids = row.ids();
        boolean endSampled = ids.length > 0 && ids[ids.length - 1] == CharTokenizer.END_OF_TURN;
        int[] end = endSampled ? new int[0] : new int[] {CharTokenizer.END_OF_TURN};
        return concat(concat(end, tokenizer.encodeMessage(ChatMessage.system(feedback))),
                new int[] {CharTokenizer.ASSISTANT});
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A growing response row with its mask and log-probs. */
    private static final class TokenRow {
        private int[] ids = new int[64];
        private float[] mask = new float[64];
        private float[] logProbs = new float[64];
        private int size;

        void addTrained(int id, float logProb) {
            add(id, 1f, logProb);
        }

        void addMasked(int[] more) {
            for (int id : more) {
                add(id, 0f, 0f);
            }
        }

        private void add(int id, float m, float lp) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                mask = Arrays.copyOf(mask, size * 2);
                logProbs = Arrays.copyOf(logProbs, size * 2);
            }
            ids[size] = id;
            mask[size] = m;
            logProbs[size] = lp;
            size++;
        }

        int size() {
            return size;
        }

        int[] ids() {
            return Arrays.copyOf(ids, size);
        }

        float[] mask() {
            return Arrays.copyOf(mask, size);
        }

        float[] logProbs() {
            return Arrays.copyOf(logProbs, size);
        }
    }
}
