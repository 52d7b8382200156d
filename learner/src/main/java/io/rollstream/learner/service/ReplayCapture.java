package io.rollstream.learner.service;

import io.rollstream.policy.tokenizer.ChatRole;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.learner.replay.CandidateRules;
import io.rollstream.learner.replay.CandidateSource;
import io.rollstream.learner.replay.EpisodeOrigin;
import io.rollstream.learner.replay.GroupOutcome;
import io.rollstream.learner.replay.ReplayBuffer;
import io.rollstream.learner.replay.ReplayCandidates;
import io.rollstream.learner.replay.ReplayState;
import io.rollstream.learner.replay.StepBoundaries;
import io.rollstream.learner.replay.StepValue;
import io.rollstream.learner.train.TrainingSequence;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.protocol.Conversation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Offers the replay buffer the promising states of a trained batch: for each failed episode, the step
 * boundaries of its last attempt with the critic's value there (taken from the values computed before the
 * update), selected by {@link ReplayCandidates} against the batch's bar ({@link CandidateRules#threshold}, over
 * every boundary offered). The critic's value at a boundary is its value of the state just before the first token
 * after the boundary.
 */
public final class ReplayCapture {

    private ReplayCapture() {
    }

    /**
     * What one batch offered and left in the buffer.
     *
     * @param offered   step boundaries of failed answers that had a critic value
     * @param threshold the batch's bar, {@link CandidateRules#threshold(float[])} of the offered values
     * @param held      states the buffer holds afterwards, out of those selected
     */
    public record Captured(int offered, float threshold, int held) {
    }

    /** Offers the buffer the batch's selected states; see the class comment. */
    public static Captured capture(List<Trajectory> trajectories, List<TrainingSequence> sequences,
                                   List<float[]> values, ReplayBuffer buffer, CandidateRules rules, long step) {
        Map<String, int[]> groups = new HashMap<>(); // groupId -> {solved, size}
        for (Trajectory t : trajectories) {
            int[] g = groups.computeIfAbsent(t.getGroupId(), id -> new int[2]);
            g[0] += t.getOutcome() == Outcome.SOLVED ? 1 : 0;
            g[1]++;
        }
        List<CandidateSource> sources = new ArrayList<>();
        List<GroupOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < trajectories.size(); i++) {
            Trajectory t = trajectories.get(i);
            if (t.getOutcome() == Outcome.SOLVED) {
                continue;
            }
            int n = t.getAttempts().size();
            Attempt last = t.getAttempts().get(n - 1).getAttemptRecord();
            // Only a replayed episode's first attempt continues a prefix; retries start fresh turns.
            String prefix = n == 1 && t.getResponsePrefix() != null ? t.getResponsePrefix() : "";
            String text = last.getResponse();
            if (!charAligned(last, text)) {
                continue; // offsets in text would not be token indices
            }
            String full = prefix + text;
            float[] v = values.get(i);
            int from = sequences.get(i).lastAttemptFrom();
            List<StepValue> steps = new ArrayList<>();
            for (int p : StepBoundaries.of(full)) {
                int inText = p - prefix.length();
                if (inText >= 1 && from + inText < v.length) {
                    steps.add(new StepValue(p, v[from + inText]));
                }
            }
            int[] g = groups.get(t.getGroupId());
            EpisodeOrigin origin = new EpisodeOrigin(t.getEpisodeId(), t.getGroupId(), last.getAttempt(),
                    Math.max(last.getAttempt(), t.getMaxAttempts()), last.getPolicyVersion(), t.getRunId());
            sources.add(new CandidateSource(t.getQuestionId(), origin,
                    turns(Conversation.after(t.getMessages(), t.getResponsePrefix(), t.getAttempts().subList(0, n - 1))),
                    full, false, steps));
            outcomes.add(new GroupOutcome(g[0], g[1]));
        }
        float[] offered = new float[sources.stream().mapToInt(s -> s.steps().size()).sum()];
        int k = 0;
        for (CandidateSource s : sources) {
            for (StepValue boundary : s.steps()) {
                offered[k++] = boundary.criticValue();
            }
        }
        float threshold = rules.threshold(offered);
        int held = 0;
        for (int i = 0; i < sources.size(); i++) {
            for (ReplayState state : ReplayCandidates.selectCandidates(sources.get(i), outcomes.get(i), rules,
                    threshold, step)) {
                held += buffer.offer(state, step) ? 1 : 0;
            }
        }
        return new Captured(offered.length, threshold, held);
    }

    private static boolean charAligned(Attempt attempt, String text) {
        List<Integer> ids = attempt.getResponseTokenIds();
        boolean endSampled = !ids.isEmpty() && ids.get(ids.size() - 1) == CharTokenizer.END_OF_TURN;
        return ids.size() == text.length() + (endSampled ? 1 : 0);
    }

    private static List<ChatMessage> turns(List<Message> messages) {
        List<ChatMessage> out = new ArrayList<>();
        for (Message m : messages) {
            out.add(new ChatMessage(ChatRole.valueOf(m.getRole().name()), m.getContent()));
        }
        return out;
    }
}
