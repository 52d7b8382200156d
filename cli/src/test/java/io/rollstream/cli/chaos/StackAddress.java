package io.rollstream.cli.chaos;

/** Where a chaos test's pipeline reaches Kafka and the schema registry, whichever stack serves them. */
interface StackAddress {

    /** The {@code bootstrap.servers} value of the cluster. */
    String bootstrapServers();

    /** The schema registry's base URL. */
    String registryUrl();
}
