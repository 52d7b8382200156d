package io.rollstream.eval;

import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Trajectory;
import java.util.Collection;

/**
 * Accuracy of one policy with a fixed number of attempts k: the share of episodes solved within k attempts,
 * over episodes that closed gradably (TIMEOUT and UNSCORABLE are counted but not in the denominator).
 *
 * @param k            attempts allowed (N = k)
 * @param episodes     episodes published
 * @param solved       episodes solved within k attempts
 * @param graded       episodes that closed with a reward (the denominator)
 * @param timedOut     episodes closed as TIMEOUT or never seen closing
 * @param unscorable   episodes closed as UNSCORABLE
 * @param otherVersion attempts answered by a policy version other than the pinned one
 */
public record AccuracyAtK(int k, int episodes, int solved, int graded, int timedOut, int unscorable,
                          int otherVersion) {

    /** Solved / graded, or NaN when nothing was graded. */
    public double accuracy() {
        return graded == 0 ? Double.NaN : (double) solved / graded;
    }

    /** Tallies the trajectories of one evaluation run of {@code episodes} episodes at N = k. */
    static AccuracyAtK of(int k, int episodes, Collection<Trajectory> trajectories, Long pinnedVersion) {
        int solved = 0;
        int graded = 0;
        int timedOut = episodes - trajectories.size();
        int unscorable = 0;
        int otherVersion = 0;
        for (Trajectory t : trajectories) {
            if (pinnedVersion != null) {
                otherVersion += (int) t.getPolicyVersions().stream().filter(v -> v.longValue() != pinnedVersion).count();
            }
            if (t.getOutcome() == Outcome.TIMEOUT) {
                timedOut++;
            } else if (t.getOutcome() == Outcome.UNSCORABLE) {
                unscorable++;
            } else {
                graded++;
                if (t.getOutcome() == Outcome.SOLVED) {
                    solved++;
                }
            }
        }
        return new AccuracyAtK(k, episodes, solved, graded, timedOut, unscorable, otherVersion);
    }
}
