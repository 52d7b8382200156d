package io.rollstream.audit;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Trajectory;
import java.util.List;
import java.util.Map;

/**
 * What the auditor read from the topics, deserialized and located; the pure audit works on this alone.
 *
 * @param prompts      rl-prompts-v1 records in the read range
 * @param attempts     rl-attempts-v1 records in the read range
 * @param graded       rl-graded-v1 records in the read range
 * @param trajectories rl-trajectories-v1 records in the read range
 * @param groundTruth  latest answer per question id from rl-questions-v1 (empty unless re-grading)
 * @param unreadable   records that could not be deserialized, by where they are
 * @param recordsRead  records read per topic, readable or not
 */
public record AuditInput(List<Located<Prompt>> prompts, List<Located<Attempt>> attempts,
                         List<Located<GradedAttempt>> graded, List<Located<Trajectory>> trajectories,
                         Map<String, String> groundTruth, List<RecordRef> unreadable, Map<String, Long> recordsRead) {

    public AuditInput {
        prompts = List.copyOf(prompts);
        attempts = List.copyOf(attempts);
        graded = List.copyOf(graded);
        trajectories = List.copyOf(trajectories);
        groundTruth = Map.copyOf(groundTruth);
        unreadable = List.copyOf(unreadable);
        recordsRead = Map.copyOf(recordsRead);
    }

    /** Input with only the four episode topics, as unit tests build it. */
    public static AuditInput of(List<Located<Prompt>> prompts, List<Located<Attempt>> attempts,
                                List<Located<GradedAttempt>> graded, List<Located<Trajectory>> trajectories) {
        return new AuditInput(prompts, attempts, graded, trajectories, Map.of(), List.of(), Map.of());
    }
}
