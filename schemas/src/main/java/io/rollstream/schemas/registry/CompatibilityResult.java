package io.rollstream.schemas.registry;

import java.util.List;

/**
 * Answer to a compatibility test: whether the candidate may be registered and, when not, why.
 *
 * @param compatible whether the candidate satisfies the subject's compatibility level
 * @param messages   one line per incompatibility found; empty when compatible
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    public CompatibilityResult {
        messages = List.copyOf(messages);
    }

    /** The result for the given list of incompatibilities: compatible exactly when it is empty. */
    public static CompatibilityResult of(List<String> incompatibilities) {
        return new CompatibilityResult(incompatibilities.isEmpty(), incompatibilities);
    }
}
