package io.rollstream.grader.topology;

import io.rollstream.grader.scoring.Grade;
import java.util.Objects;

/**
 * A checker verdict flattened for the wire: the Avro verdict symbol, the extracted answer and the reason.
 *
 * @param verdict   the wire verdict
 * @param extracted content of the last box, or null
 * @param reason    why the verdict was reached (always set for UNSCORABLE), or null
 */
record GradeOutcome(io.rollstream.schemas.avro.Verdict verdict, String extracted, String reason) {

    GradeOutcome {
        Objects.requireNonNull(verdict, "verdict");
    }

    static GradeOutcome of(Grade verdict) {
        String reason = null;
        if (verdict instanceof Grade.Unscorable unscorable) {
            reason = unscorable.reason();
        } else if (verdict instanceof Grade.Unformatted) {
            reason = "no complete \\boxed{} in the response";
        }
        return new GradeOutcome(io.rollstream.schemas.avro.Verdict.valueOf(verdict.name()),
                verdict.extracted().orElse(null), reason);
    }

    static GradeOutcome unscorable(String reason) {
        return new GradeOutcome(io.rollstream.schemas.avro.Verdict.UNSCORABLE, null, reason);
    }
}
