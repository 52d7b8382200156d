package io.rollstream.experiment.demo;

import io.rollstream.infra.security.Role;
import io.rollstream.schemas.security.ClientLogin;
import io.rollstream.tasks.TaskItem;
import io.rollstream.schemas.serde.CatalogSerdes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What every phase of a demo run shares: the cluster, the serdes, the weights store, the data and the console.
 *
 * @param settings          the run's settings
 * @param bootstrapServers  the cluster in use (embedded or external)
 * @param schemaRegistryUrl the registry in use
 * @param serdes            catalog serdes on that registry
 * @param weightsDir        the content-addressed weights store shared by learners and actors
 * @param train             training questions
 * @param test              held-out questions
 * @param console           where progress goes (standard error)
 * @param runId             this run's id, stamped on every record it makes and part of its episode ids
 * @param logins            how each role's components log in ({@link PipelineLogins#OPEN} on an open cluster)
 */
public record DemoContext(DemoSettings settings, String bootstrapServers, String schemaRegistryUrl, CatalogSerdes serdes,
                   Path weightsDir, List<TaskItem> train, List<TaskItem> test, PrintStream console, String runId,
                   PipelineLogins logins) {

    /** A context on an open cluster. */
    public DemoContext(DemoSettings settings, String bootstrapServers, String schemaRegistryUrl, CatalogSerdes serdes,
                       Path weightsDir, List<TaskItem> train, List<TaskItem> test, PrintStream console, String runId) {
        this(settings, bootstrapServers, schemaRegistryUrl, serdes, weightsDir, train, test, console, runId,
                PipelineLogins.OPEN);
    }

    /** How {@code role}'s components of this run log in. */
    public ClientLogin login(Role role) {
        return logins.of(role);
    }

    public Path runDir() {
        return settings.runDir();
    }
}
