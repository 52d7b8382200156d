package io.rollstream.eval.stats;

/**
 * The chance that at least one of k attempts solves a question, estimated from n attempts of which c were
 * correct (Chen et al. 2021, "Evaluating Large Language Models Trained on Code").
 */
public final class PassAtK {

    private PassAtK() {
    }

    /**
     * The unbiased estimator 1 − C(n−c, k) / C(n, k): one minus the chance that k attempts drawn without
     * replacement from the n are all wrong. Computed as 1 − Π_{i=n−c+1}^{n} (1 − k/i), which cannot overflow.
     *
     * @param n attempts made
     * @param c correct attempts, 0 ≤ c ≤ n
     * @param k attempts allowed, 1 ≤ k ≤ n
     * @throws IllegalArgumentException when c or k is out of range
     */
    public static double unbiased(int n, int c, int k) {
        if (c < 0 || c > n) {
            throw new IllegalArgumentException("correct attempts c must be between 0 and n = " + n + ", got " + c);
        }
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("attempts k must be between 1 and n = " + n + ", got " + k);
        }
        double allWrong = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            allWrong *= 1.0 - (double) k / i;
        }
        return 1.0 - allWrong;
    }
}
