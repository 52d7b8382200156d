package io.rollstream.audit;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Policy versions never go backwards per actor: ordered by when generation started, each attempt's policy
 * version is at least the highest one the same actor used before. Attempts whose prompt pins a version
 * (evaluation) are left out, since the actor was told which version to use.
 */
final class PolicyOrderCheck {

    private static final Comparator<Located<Attempt>> GENERATION_ORDER = Comparator
            .comparing((Located<Attempt> a) -> a.value().getStartedAt())
            .thenComparing(a -> a.value().getFinishedAt())
            .thenComparing(a -> a.ref().timestamp())
            .thenComparingLong(a -> a.ref().offset());

    private PolicyOrderCheck() {
    }

    /** Violations, and the actors seen, over the attempts of the audited episodes. */
    static List<Violation> check(List<AuditedEpisode> episodes, Set<String> actorsSeen) {
        Map<String, List<Located<Attempt>>> byActor = new TreeMap<>();
        for (AuditedEpisode e : episodes) {
            // Evaluation pins a version, so its attempts say nothing about an actor's own progress.
            boolean pinned = e.context().map(EpisodeContext::pinned).orElse(false);
            for (Located<Attempt> a : attemptsOf(e)) {
                actorsSeen.add(a.value().getActorId());
                if (!pinned) {
                    byActor.computeIfAbsent(a.value().getActorId(), x -> new ArrayList<>()).add(a);
                }
            }
        }
        List<Violation> found = new ArrayList<>();
        for (Map.Entry<String, List<Located<Attempt>>> e : byActor.entrySet()) {
            List<Located<Attempt>> attempts = e.getValue();
            attempts.sort(GENERATION_ORDER);
            Located<Attempt> newest = null;
            for (Located<Attempt> a : attempts) {
                if (newest != null && a.value().getPolicyVersion() < newest.value().getPolicyVersion()) {
                    found.add(new Violation(Check.POLICY_REGRESSION, a.value().getEpisodeId(), a.ref(),
                            "actor " + e.getKey() + " generated with policy version " + a.value().getPolicyVersion()
                                    + " at " + a.value().getStartedAt() + " after version "
                                    + newest.value().getPolicyVersion() + " at " + newest.value().getStartedAt()
                                    + " (" + newest.ref() + ")"));
                } else if (newest == null || a.value().getPolicyVersion() > newest.value().getPolicyVersion()) {
                    newest = a;
                }
            }
        }
        return found;
    }

    /**
     * One record per attempt: the rl-attempts-v1 record when it was read, else the copy inside the graded
     * record (attempts are kept for a shorter time than graded records).
     */
    private static List<Located<Attempt>> attemptsOf(AuditedEpisode e) {
        List<Located<Attempt>> all = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Located<Attempt> a : e.attempts()) {
            if (seen.add(a.value().getAttempt())) {
                all.add(a);
            }
        }
        for (Located<GradedAttempt> g : e.gradedOnce()) {
            if (seen.add(g.value().getAttempt())) {
                all.add(new Located<>(g.ref(), g.value().getAttemptRecord()));
            }
        }
        return all;
    }
}
