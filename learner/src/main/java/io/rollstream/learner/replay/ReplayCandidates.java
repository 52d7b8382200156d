package io.rollstream.learner.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Chooses which states of a trained response to keep for retrospective replay. Only failed episodes
 * contribute: a solved one needs no second chance.
 * <ol>
 *   <li>Every step boundary whose critic value reaches the batch's bar ({@link CandidateRules#threshold}) is a
 *       {@link ReplayReason#PROMISING_FAILED} candidate: the critic expected the most from there.</li>
 *   <li>If none qualifies and the group is mixed, the single boundary with the highest critic value is a
 *       {@link ReplayReason#MIXED_GROUP} candidate: the group shows the question is solvable, and this is the
 *       response's most hopeful point.</li>
 * </ol>
 * Candidates are ranked by critic value (highest first, shorter prefix on ties) and at most
 * {@code maxPerEpisode} are kept. Episodes that were not trained on (timeouts, unscorable) should not be
 * passed in at all.
 */
public final class ReplayCandidates {

    private ReplayCandidates() {
    }

    /**
     * @param source    the response, its boundaries' critic values and the episode outcome
     * @param group     outcome of the response's group
     * @param rules     thresholds
     * @param threshold the batch's bar, {@link CandidateRules#threshold(float[])} of all states it offers
     *                  ({@code rules.valueThreshold()} for the absolute bar alone)
     * @param step      the current learner step, stamped as {@code createdAtStep}
     * @return new states with no visits, best first
     */
    public static List<ReplayState> selectCandidates(CandidateSource source, GroupOutcome group,
                                                     CandidateRules rules, float threshold, long step) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(rules, "rules");
        if (source.solved() || source.steps().isEmpty()) {
            return List.of();
        }
        List<StepValue> ranked = new ArrayList<>(source.steps());
        ranked.sort(Comparator.comparingDouble((StepValue s) -> -s.criticValue())
                .thenComparingInt(StepValue::offset));

        List<ReplayState> candidates = new ArrayList<>();
        for (StepValue s : ranked) {
            if (s.criticValue() >= threshold && candidates.size() < rules.maxPerEpisode()) {
                candidates.add(state(source, s, ReplayReason.PROMISING_FAILED, step));
            }
        }
        if (candidates.isEmpty() && group.mixed()) {
            candidates.add(state(source, ranked.get(0), ReplayReason.MIXED_GROUP, step));
        }
        return List.copyOf(candidates);
    }

    private static ReplayState state(CandidateSource source, StepValue s, ReplayReason reason, long step) {
        return new ReplayState(source.questionId(), source.origin(), source.conversation(),
                source.response().substring(0, s.offset()), s.criticValue(), reason, step, 0);
    }
}
