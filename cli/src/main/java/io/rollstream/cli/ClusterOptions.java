package io.rollstream.cli;

import io.rollstream.schemas.topics.ClusterDefaults;
import picocli.CommandLine.Option;

/**
 * Where the Kafka cluster and the schema registry are. Shared by every subcommand that talks to them;
 * the environment variables are the ones docker-compose.yml sets for the services.
 */
public final class ClusterOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:ROLLSTREAM_BOOTSTRAP_SERVERS:-" + ClusterDefaults.BOOTSTRAP_SERVERS + "}",
            description = "Kafka bootstrap servers (env ROLLSTREAM_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            defaultValue = "${env:ROLLSTREAM_SCHEMA_REGISTRY_URL:-" + ClusterDefaults.SCHEMA_REGISTRY_URL + "}",
            description = "Confluent-compatible schema registry (env ROLLSTREAM_SCHEMA_REGISTRY_URL; default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }
}
