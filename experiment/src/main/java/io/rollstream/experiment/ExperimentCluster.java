package io.rollstream.experiment;

import io.rollstream.audit.AuditConfig;
import io.rollstream.audit.AuditReport;
import io.rollstream.audit.Auditor;
import io.rollstream.experiment.demo.DemoContext;
import io.rollstream.experiment.demo.DemoRunner;
import io.rollstream.experiment.demo.DemoSettings;
import io.rollstream.experiment.demo.PipelineCounts;
import io.rollstream.experiment.demo.PipelineLogins;
import io.rollstream.experiment.demo.PipelineSecurity;
import io.rollstream.infra.security.Role;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.tasks.TaskItem;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster an experiment runs on, with its grader up: its addresses, the serdes on its registry and how each
 * role logs in. The experiment's own reads of the topics and its audit are the auditor's.
 *
 * @param bootstrap   Kafka's bootstrap servers
 * @param registryUrl the schema registry
 * @param serdes      catalog serdes on that registry
 * @param logins      how each role's components log in ({@link PipelineLogins#OPEN} on an open cluster)
 */
record ExperimentCluster(String bootstrap, String registryUrl, CatalogSerdes serdes, PipelineLogins logins) {

    /** Work done on the experiment's cluster. */
    interface Work<T> {
        T run(ExperimentCluster cluster) throws Exception;
    }

    /**
     * Starts the embedded stack under {@code runDir} (open or secure, as {@code security} says) or uses the
     * external cluster, starts the grader, runs {@code work}, and stops what it started.
     */
    static <T> T run(Path runDir, String bootstrapOrNull, String registryOrNull, PipelineSecurity security,
                     Duration attemptTimeout, PrintStream console, Work<T> work) throws Exception {
        return DemoRunner.withPipeline(runDir, bootstrapOrNull, registryOrNull, security, attemptTimeout, console,
                (bootstrap, registryUrl, serdes, logins) -> work.run(
                        new ExperimentCluster(bootstrap, registryUrl, serdes, logins)));
    }

    /** The context of one phase run on this cluster. */
    DemoContext context(DemoSettings demo, Path weightsDir, List<TaskItem> train, List<TaskItem> test,
                        PrintStream console, String runId) {
        return new DemoContext(demo, bootstrap, registryUrl, serdes, weightsDir, train, test, console, runId, logins);
    }

    /** The topics' counts. */
    PipelineCounts counts() {
        return PipelineCounts.read(bootstrap, logins.of(Role.AUDITOR), serdes);
    }

    /** The audit of the window from {@code from} to now. */
    AuditReport audit(Instant from) {
        return Auditor.run(AuditConfig.of(bootstrap, registryUrl, from, Instant.now(), false)
                .withLogin(logins.of(Role.AUDITOR)));
    }

    /** The policy of every closed episode on the trajectory topic, by episode id. */
    Map<String, String> trajectoryPolicies() {
        return PipelineCounts.trajectoryPolicies(bootstrap, logins.of(Role.AUDITOR), serdes);
    }

    /** Every closed episode of the named policies on the trajectory topic, by episode id. */
    Map<String, Trajectory> trajectoriesOf(Set<String> policyNames) {
        return PipelineCounts.trajectoriesOf(bootstrap, logins.of(Role.AUDITOR), serdes, policyNames);
    }
}
