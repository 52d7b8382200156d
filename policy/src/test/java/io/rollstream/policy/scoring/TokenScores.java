package io.rollstream.policy.scoring;

import java.util.Objects;

/**
 * Per response token of each (prompt, response) pair: log-prob under log softmax(logits / temperature)
 * (log softmax(logits) at temperature 0), entropy of that distribution, and the critic's value of the state
 * before the token. Row i has exactly as many entries as response i has tokens.
 */
public record TokenScores(float[][] logProbs, float[][] entropies, float[][] values) {

    public TokenScores {
        Objects.requireNonNull(logProbs, "logProbs");
        Objects.requireNonNull(entropies, "entropies");
        Objects.requireNonNull(values, "values");
        if (logProbs.length != entropies.length || logProbs.length != values.length) {
            throw new IllegalArgumentException("row counts differ");
        }
    }

    /** Number of scored pairs. */
    public int size() {
        return logProbs.length;
    }
}
