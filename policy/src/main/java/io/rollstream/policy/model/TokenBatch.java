package io.rollstream.policy.model;

import java.util.List;
import java.util.Objects;

/**
 * (prompt, response) pairs to score or train on. {@code trainMasks}, when given, holds one weight per
 * response token (1 trained, 0 not, e.g. feedback turns inside a multi-attempt response); null trains all.
 */
public record TokenBatch(List<int[]> prompts, List<int[]> responses, List<float[]> trainMasks) {

    public TokenBatch {
        prompts = List.copyOf(Objects.requireNonNull(prompts, "prompts"));
        responses = List.copyOf(Objects.requireNonNull(responses, "responses"));
        if (prompts.isEmpty() || prompts.size() != responses.size()) {
            throw new IllegalArgumentException(
                    "need as many prompts as responses, at least one: "
                            + prompts.size() + " vs " + responses.size());
        }
        for (int row = 0; row < prompts.size(); row++) {
            if (prompts.get(row).length == 0) {
                throw new IllegalArgumentException("prompt " + row + " is empty");
            }
        }
        if (trainMasks != null) {
            trainMasks = List.copyOf(trainMasks);
            for (int row = 0; row < responses.size(); row++) {
                if (trainMasks.get(row).length != responses.get(row).length) {
                    throw new IllegalArgumentException("train mask " + row + " length differs from its response");
                }
            }
        }
    }

    /** Pairs where every response token is trained. */
    public static TokenBatch of(List<int[]> prompts, List<int[]> responses) {
        return new TokenBatch(prompts, responses, null);
    }

    /** Number of pairs. */
    public int size() {
        return prompts.size();
    }

    /** Longest response, at least 1 so the output tensors are never empty. */
    public int responseWidth() {
        int width = 1;
        for (int[] response : responses) {
            width = Math.max(width, response.length);
        }
        return width;
    }
}
