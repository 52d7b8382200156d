package io.rollstream.audit;

import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.grader.scoring.Grade;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.protocol.Conversation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-grades every audited attempt with the current checker against the ground truth on rl-questions-v1, the
 * same way the grader does (response prefix + response; no ground truth means UNSCORABLE), grouped by the
 * grader version that recorded the verdict.
 */
final class Regrader {

    private final AnswerChecker checker;
    private final Map<String, String> groundTruth;

    Regrader(AnswerChecker checker, Map<String, String> groundTruth) {
        this.checker = checker;
        this.groundTruth = groundTruth;
    }

    List<RegradeResult> regrade(List<AuditedEpisode> episodes) {
        Map<String, List<RegradeResult.Disagreement>> disagreements = new TreeMap<>();
        Map<String, Integer> checked = new TreeMap<>();
        for (AuditedEpisode e : episodes) {
            for (Located<GradedAttempt> located : e.gradedOnce()) {
                GradedAttempt g = located.value();
                String version = g.getGraderVersion();
                checked.merge(version, 1, Integer::sum);
                List<RegradeResult.Disagreement> list = disagreements.computeIfAbsent(version, v -> new ArrayList<>());
                Attempt a = g.getAttemptRecord();
                String questionId = e.context().map(EpisodeContext::questionId).orElse(null);
                String prefix = e.context().map(EpisodeContext::prefix).orElse(null);
                String truth = questionId == null ? null : groundTruth.get(questionId);
                Grade current = truth == null
                        ? new Grade.Unscorable("no ground truth for question " + questionId)
                        : checker.grade(Conversation.assistantText(a.getAttempt(), prefix, a.getResponse()), truth);
                if (!current.name().equals(g.getVerdict().name())) {
                    list.add(new RegradeResult.Disagreement(located.ref(), e.episodeId(), g.getAttempt(),
                            g.getVerdict().name(), current.name(), "extracted " + GradingChecks.quote(
                                    current.extracted().orElse(g.getExtractedAnswer())) + ", ground truth "
                                    + GradingChecks.quote(truth) + reason(current)));
                }
            }
        }
        List<RegradeResult> results = new ArrayList<>();
        checked.forEach((version, n) -> {
            List<RegradeResult.Disagreement> list = disagreements.get(version);
            results.add(new RegradeResult(version, n, n - list.size(), list));
        });
        return results;
    }

    private static String reason(Grade v) {
        return v instanceof Grade.Unscorable u ? " (" + u.reason() + ")" : "";
    }
}
