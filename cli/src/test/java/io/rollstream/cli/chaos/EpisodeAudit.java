package io.rollstream.cli.chaos;

import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.avro.Verdict;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The exactly-once invariants over a window of fed episodes: every attempt graded once, exactly one trajectory
 * per episode (none lost, none duplicated, none for an episode nobody fed), its attempts 1..k in order and all
 * graded, and its outcome and terminal reward following from the verdicts.
 *
 * @param episodes     episodes fed
 * @param trajectories trajectory records read
 * @param graded       graded-attempt records read
 * @param outcomes     trajectories by outcome
 * @param problems     every violation found, one line each; empty when the window is clean
 */
record EpisodeAudit(int episodes, int trajectories, int graded, Map<Outcome, Integer> outcomes,
                    List<String> problems) {

    private static final int LISTED = 20;

    EpisodeAudit {
        outcomes = Map.copyOf(outcomes);
        problems = List.copyOf(problems);
    }

    boolean passed() {
        return problems.isEmpty();
    }

    int outcomeCount(Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    /** Counts, then the first problems. */
    String summary() {
        String head = String.format(Locale.ROOT, "%d episodes fed, %d trajectories, %d graded attempts, "
                + "outcomes %s, %d problems", episodes, trajectories, graded, new TreeMap<>(outcomes), problems.size());
        return problems.isEmpty() ? head : head + ":\n  " + problems.stream().limit(LISTED)
                .collect(Collectors.joining("\n  "));
    }

    static EpisodeAudit check(Set<String> fed, Collection<GradedAttempt> graded, Collection<Trajectory> trajectories) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<Integer, GradedAttempt>> gradedByEpisode = new HashMap<>();
        for (GradedAttempt g : graded) {
            if (!fed.contains(g.getEpisodeId())) {
                problems.add("graded attempt " + g.getAttempt() + " of episode " + g.getEpisodeId()
                        + " that was never fed");
                continue;
            }
            GradedAttempt before = gradedByEpisode.computeIfAbsent(g.getEpisodeId(), id -> new HashMap<>())
                    .putIfAbsent(g.getAttempt(), g);
            if (before != null) {
                problems.add("attempt " + g.getAttempt() + " of " + g.getEpisodeId() + " graded more than once");
            }
        }
        Map<String, Trajectory> byEpisode = new HashMap<>();
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (Trajectory t : trajectories) {
            if (!fed.contains(t.getEpisodeId())) {
                problems.add("trajectory for episode " + t.getEpisodeId() + " that was never fed");
            } else if (byEpisode.putIfAbsent(t.getEpisodeId(), t) != null) {
                problems.add("second trajectory for " + t.getEpisodeId());
            } else {
                outcomes.merge(t.getOutcome(), 1, Integer::sum);
                checkTrajectory(t, gradedByEpisode.getOrDefault(t.getEpisodeId(), Map.of()), problems);
            }
        }
        fed.stream().filter(id -> !byEpisode.containsKey(id)).sorted()
                .forEach(id -> problems.add("episode " + id + " has no trajectory (lost)"));
        return new EpisodeAudit(fed.size(), trajectories.size(), graded.size(), outcomes, problems);
    }

    private static void checkTrajectory(Trajectory t, Map<Integer, GradedAttempt> graded, List<String> problems) {
        String id = t.getEpisodeId();
        List<GradedAttempt> attempts = t.getAttempts();
        int k = attempts.size();
        if (k > t.getMaxAttempts() || (k == 0 && t.getOutcome() != Outcome.TIMEOUT)) {
            problems.add(id + ": " + k + " attempts in a trajectory of at most " + t.getMaxAttempts());
        }
        for (int i = 0; i < k; i++) {
            GradedAttempt inside = attempts.get(i);
            if (inside.getAttempt() != i + 1) {
                problems.add(id + ": position " + (i + 1) + " holds attempt " + inside.getAttempt());
            }
            GradedAttempt published = graded.get(i + 1);
            if (published == null) {
                problems.add(id + ": attempt " + (i + 1) + " is in the trajectory but was never published as graded");
            } else if (published.getVerdict() != inside.getVerdict()
                    || !Objects.equals(published.getReward(), inside.getReward())) {
                problems.add(id + ": attempt " + (i + 1) + " graded " + published.getVerdict() + " but the trajectory "
                        + "holds " + inside.getVerdict());
            }
            boolean last = i == k - 1;
            if (inside.getClosesEpisode() != last && t.getOutcome() != Outcome.TIMEOUT) {
                problems.add(id + ": attempt " + (i + 1) + " of " + k + " has closesEpisode=" + inside.getClosesEpisode());
            }
        }
        graded.keySet().stream().filter(a -> a < 1 || a > k).sorted()
                .forEach(a -> problems.add(id + ": attempt " + a + " was graded but is not in the trajectory"));
        if (t.getOutcome() != Outcome.TIMEOUT && k > 0) {
            List<Verdict> verdicts = attempts.stream().map(GradedAttempt::getVerdict).toList();
            Outcome expected = EpisodeProtocol.outcome(verdicts);
            if (t.getOutcome() != expected) {
                problems.add(id + ": outcome " + t.getOutcome() + " but the verdicts " + verdicts + " give " + expected);
            }
        }
        Float reward = EpisodeProtocol.terminalReward(t.getOutcome());
        if (!Objects.equals(reward, t.getTerminalReward())) {
            problems.add(id + ": terminal reward " + t.getTerminalReward() + " for outcome " + t.getOutcome()
                    + " instead of " + reward);
        }
    }
}
