package io.rollstream.schemas.topics;

/**
 * Where every component looks for the cluster and its shared directories when told nothing else: a broker and a
 * schema registry on this machine, as {@code rollstream broker} starts them, and one data directory under the
 * working directory. Each component's config record starts from these.
 */
public final class ClusterDefaults {

    /** Kafka bootstrap servers. */
    public static final String BOOTSTRAP_SERVERS = "localhost:9092";
    /** Confluent-compatible schema registry. */
    public static final String SCHEMA_REGISTRY_URL = "http://localhost:8081";

    /** Policy the learner trains and the actors follow: one per learner, several may share a cluster. */
    public static final String POLICY_NAME = "default";
    /** Root of the local state: the grader's state directory, the learner's run directory, the weights store. */
    public static final String RUN_DIR = "rollstream-data";
    /** Content-addressed weights store the learner writes and the actors read. */
    public static final String WEIGHTS_DIR = RUN_DIR + "/weights";

    private ClusterDefaults() {
    }
}
