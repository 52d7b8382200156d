package io.rollstream.bench.checker;

import java.util.Objects;

/**
 * One case of the checker comparison: a boxed response written from a data set's ground truth by a
 * {@link Rewriting}, and whether that rewriting keeps the answer's value.
 *
 * @param id        unique within the corpus: the question id and the rewriting
 * @param dataset   the data set the ground truth comes from
 * @param rewriting how the response was written from the ground truth
 * @param response  the response text, with its answer in {@code \boxed{}}
 * @param truth     the ground truth as the data set stores it
 */
public record AnswerPair(String id, String dataset, Rewriting rewriting, String response, String truth) {

    public AnswerPair {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(rewriting, "rewriting");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(truth, "truth");
    }

    /** Whether the response was written to denote the same answer as the ground truth. */
    public boolean meantEqual() {
        return rewriting.keepsValue();
    }
}
