package io.rollstream.cli.audit;

import io.rollstream.cli.ClusterOptions;
import io.rollstream.cli.SecurityOptions;
import io.rollstream.cli.ConfigErrors;
import io.rollstream.audit.AuditConfig;
import io.rollstream.audit.AuditReport;
import io.rollstream.audit.AuditReportJson;
import io.rollstream.audit.AuditTime;
import io.rollstream.audit.Auditor;
import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.infra.security.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollstream audit}: replays a time window of the pipeline's topics and checks the grader's invariants. */
@Command(name = "audit",
        header = "Replays a time window and proves every attempt graded once, every episode closed once.", mixinStandardHelpOptions = true,
        description = {
                "Reads rl-prompts-v1, rl-attempts-v1, rl-graded-v1 and rl-trajectories-v1 (read_committed) "
                        + "for the episodes whose first prompt was created in [--from, --to), and checks: every "
                        + "attempt graded exactly once; every episode closed by exactly one trajectory, or still "
                        + "open; rewards, outcomes and feedback as the protocol says; every retry prompt built from "
                        + "the attempt before it; policy versions never going backwards per actor; with --re-grade, "
                        + "the current checker agreeing with the recorded verdicts (ground truth from "
                        + "rl-questions-v1). Episodes that started before --from are skipped, not flagged.",
                "Records are read up to --to + --close-grace (or now, if earlier), so an episode that "
                        + "closed a little after --to is seen closed; one without a trajectory is OPEN while its last "
                        + "record is younger than --close-grace, and a violation after that.",
                "TIME: " + AuditTime.FORMS + ".",
                "Exit code: 0 when every check holds, 1 when any fails (the first offending records are "
                        + "printed as topic-partition@offset), 2 for bad options."})
public final class AuditCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private SecurityOptions security;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start of the window, inclusive.")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", defaultValue = "now",
            description = "End of the window, exclusive (default: ${DEFAULT-VALUE}).")
    private String to;

    @Option(names = "--re-grade", description = "Re-grade every audited attempt with the current answer checker.")
    private boolean reGrade;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the full report as JSON to FILE.")
    private Path report;

    @Option(names = "--close-grace", paramLabel = "DURATION", defaultValue = "PT35M",
            description = "How long an episode may be idle before it must have closed; keep it above the grader's "
                    + "--attempt-timeout (default: ${DEFAULT-VALUE}).")
    private Duration closeGrace;

    @Option(names = "--read-margin", paramLabel = "DURATION", defaultValue = "PT1M",
            description = "Read from --from minus this, for records stamped early by clock skew (default: ${DEFAULT-VALUE}).")
    private Duration readMargin;

    @Option(names = "--read-timeout", paramLabel = "DURATION", defaultValue = "PT1M",
            description = "Fail when reading makes no progress for this long (default: ${DEFAULT-VALUE}).")
    private Duration readTimeout;

    @Option(names = "--max-listed", paramLabel = "N", defaultValue = "10",
            description = "Offending records listed in the summary; the report has all (default: ${DEFAULT-VALUE}).")
    private int maxListed;

    @Option(names = "--max-answer-chars", paramLabel = "N", defaultValue = "16384",
            description = "Re-grading: longer responses or answers are UNSCORABLE (default: ${DEFAULT-VALUE}).")
    private int maxAnswerChars;

    @Option(names = "--answer-time-limit", paramLabel = "DURATION", defaultValue = "PT2S",
            description = "Re-grading: per-answer time limit (default: ${DEFAULT-VALUE}).")
    private Duration answerTimeLimit;

    /** The audit these options describe, with TIME arguments resolved against {@code now}. */
    AuditConfig config(Instant now) {
        return ConfigErrors.orParameterError(spec, () -> new AuditConfig(cluster.bootstrapServers(),
                cluster.schemaRegistryUrl(), AuditTime.parse(from, now), AuditTime.parse(to, now), closeGrace,
                readMargin, reGrade, new CheckerConfig(maxAnswerChars, answerTimeLimit,
                CheckerConfig.DEFAULT_ALGEBRA_THREADS), readTimeout, security.login(spec, Role.AUDITOR)));
    }

    @Override
    public Integer call() throws IOException {
        AuditConfig config = config(Instant.now());
        AuditReport result = Auditor.run(config);
        spec.commandLine().getOut().print(result.summary(Math.max(0, maxListed)));
        if (report != null) {
            AuditReportJson.write(result, report);
            spec.commandLine().getOut().println("report: " + report.toAbsolutePath());
        }
        spec.commandLine().getOut().flush();
        return result.exitCode();
    }
}
