package io.rollstream.audit;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Each attempt graded exactly once, in order, with the protocol's reward, closing decision and feedback. Pure:
 * works on one assembled episode.
 */
final class GradingChecks {

    private GradingChecks() {
    }

    static List<Violation> check(AuditedEpisode e, EpisodeStatus status) {
        List<Violation> found = new ArrayList<>();
        String id = e.episodeId();
        Set<Integer> seen = new HashSet<>();
        for (Located<GradedAttempt> g : e.graded()) {
            int k = g.value().getAttempt();
            if (!seen.add(k)) {
                RecordRef first = e.firstGraded(k).orElseThrow().ref();
                found.add(new Violation(Check.DUPLICATE_GRADED, id, g.ref(),
                        "attempt " + k + " was already graded at " + first));
            }
        }
        List<Located<GradedAttempt>> once = e.gradedOnce();
        Optional<EpisodeContext> context = e.context();
        int tokensBefore = context.map(EpisodeContext::tokensUsed).orElse(0);
        int expected = 1;
        Integer closedAt = null;
        for (Located<GradedAttempt> g : once) {
            int k = g.value().getAttempt();
            if (k != expected) {
                found.add(new Violation(Check.GRADED_GAP, id, g.ref(),
                        "attempt " + k + " graded but attempt " + expected + " never was"));
            }
            expected = k + 1;
            if (closedAt != null) {
                found.add(new Violation(Check.GRADED_AFTER_CLOSE, id, g.ref(),
                        "attempt " + k + " graded after attempt " + closedAt + " closed the episode"));
            }
            if (context.isPresent()) {
                found.addAll(protocol(id, g, context.get(), tokensBefore));
            }
            tokensBefore += g.value().getAttemptRecord().getResponseTokenIds().size();
            if (closedAt == null && g.value().getClosesEpisode()) {
                closedAt = k;
            }
        }
        found.addAll(ungraded(e, status, closedAt));
        return found;
    }

    /**
     * Reward, closing decision and feedback of one graded attempt against the protocol, for an episode opened
     * with {@code p} and {@code tokensBefore} response tokens spent before this attempt.
     */
    static List<Violation> protocol(String id, Located<GradedAttempt> located, EpisodeContext p, int tokensBefore) {
        List<Violation> found = new ArrayList<>();
        GradedAttempt g = located.value();
        Attempt a = g.getAttemptRecord();
        int k = g.getAttempt();
        Float reward = EpisodeProtocol.attemptReward(g.getVerdict());
        if (!Objects.equals(reward, g.getReward())) {
            found.add(new Violation(Check.REWARD_MISMATCH, id, located.ref(), "verdict " + g.getVerdict()
                    + " earns reward " + reward + " but the record says " + g.getReward()));
        }
        int tokensUsed = tokensBefore + a.getResponseTokenIds().size();
        boolean closes = EpisodeProtocol.closesAfter(g.getVerdict(), k, p.maxAttempts(), tokensUsed,
                p.tokenBudget());
        if (closes != g.getClosesEpisode()) {
            found.add(new Violation(Check.CLOSE_MISMATCH, id, located.ref(), "attempt " + k + " of "
                    + p.maxAttempts() + " with verdict " + g.getVerdict() + " and " + tokensUsed + "/"
                    + p.tokenBudget() + " tokens " + (closes ? "closes" : "does not close")
                    + " the episode, but closesEpisode=" + g.getClosesEpisode()));
        } else {
            String feedback = closes ? null : EpisodeProtocol.feedback(p.template(), p.maxAttempts() - k);
            if (!Objects.equals(feedback, g.getFeedback())) {
                found.add(new Violation(Check.FEEDBACK_MISMATCH, id, located.ref(),
                        "expected feedback " + quote(feedback) + ", found " + quote(g.getFeedback())));
            }
        }
        if (g.getAttemptRecord().getAttempt() != k || !id.equals(a.getEpisodeId())) {
            found.add(new Violation(Check.TRAJECTORY_MISMATCH, id, located.ref(), "graded attempt " + k
                    + " carries attempt " + a.getAttempt() + " of episode " + a.getEpisodeId()));
        }
        return found;
    }

    /**
     * Attempts on rl-attempts-v1 without a graded record. Not flagged: attempts after the one that closed the
     * episode (the grader dead-letters them by design) and, in an open episode, the next attempt (in flight).
     */
    private static List<Violation> ungraded(AuditedEpisode e, EpisodeStatus status, Integer closedAt) {
        List<Violation> found = new ArrayList<>();
        int lastGraded = e.gradedOnce().stream().mapToInt(g -> g.value().getAttempt()).max().orElse(0);
        int closedAtTrajectory = e.trajectories().isEmpty() ? Integer.MAX_VALUE
                : e.trajectories().get(0).value().getAttempts().size();
        Set<Integer> seen = new HashSet<>();
        for (Located<Attempt> a : e.attempts()) {
            int k = a.value().getAttempt();
            if (!seen.add(k) || e.firstGraded(k).isPresent()) {
                continue;
            }
            boolean afterClose = (closedAt != null && k > closedAt) || k > closedAtTrajectory;
            boolean inFlight = status == EpisodeStatus.OPEN && k == lastGraded + 1;
            if (!afterClose && !inFlight) {
                found.add(new Violation(Check.UNGRADED_ATTEMPT, e.episodeId(), a.ref(),
                        "attempt " + k + " has no graded record"));
            }
        }
        return found;
    }

    /** Attempts on rl-attempts-v1 that arrived after their episode closed (dead-lettered by the grader). */
    static int lateAttempts(AuditedEpisode e) {
        Optional<Located<GradedAttempt>> closing = e.closingGraded();
        if (closing.isEmpty()) {
            return 0;
        }
        int closedAt = closing.get().value().getAttempt();
        return (int) e.attempts().stream().map(a -> a.value().getAttempt()).filter(k -> k > closedAt)
                .distinct().count();
    }

    static String quote(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
