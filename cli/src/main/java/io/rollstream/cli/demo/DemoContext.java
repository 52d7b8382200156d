package io.rollstream.cli.demo;

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
 */
public record DemoContext(DemoSettings settings, String bootstrapServers, String schemaRegistryUrl, CatalogSerdes serdes,
                   Path weightsDir, List<TaskItem> train, List<TaskItem> test, PrintStream console, String runId) {

    public Path runDir() {
        return settings.runDir();
    }
}
