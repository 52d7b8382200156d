package io.rollstream.cli.broker;

import io.rollstream.cli.ClusterOptions;
import io.rollstream.cli.SecurityOptions;
import io.rollstream.infra.topics.ProvisionReport;
import io.rollstream.infra.topics.TopicProvisioner;
import io.rollstream.infra.topics.TopicStatus;
import io.rollstream.schemas.topics.Topics;
import io.rollstream.schemas.security.ClientLogin;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollstream topics}: create or describe the topics of the catalog on a cluster. */
@Command(name = "topics",
        header = "Creates or describes the Rollstream topics on a cluster.", mixinStandardHelpOptions = true,
        description = "Creates or describes every Rollstream topic on a Kafka cluster.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.Describe.class})
public final class TopicsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static Admin admin(ClusterOptions cluster, ClientLogin login) {
        return Admin.create(login.kafkaConfig(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers())));
    }

    /** Creates the missing topics and reports any existing topic whose configuration differs. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates every topic of the catalog that does not exist yet; reports topics whose "
                    + "existing partitions or configs differ from the catalog (exit code 1 if any).")
    static final class Create implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ClusterOptions cluster;
        @Mixin
        private SecurityOptions security;
        @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "1",
                description = "Replication factor of new topics (default: ${DEFAULT-VALUE}; 3 on a production cluster).")
        private int replicationFactor;

        @Override
        public Integer call() {
            try (Admin admin = admin(cluster, security.adminLogin(spec))) {
                ProvisionReport report = new TopicProvisioner(admin, replicationFactor).ensure(Topics.all());
                spec.commandLine().getOut().println(report.describe());
                return report.mismatches().isEmpty() ? 0 : 1;
            }
        }
    }

    /** Prints each catalog topic with its partitions and the configs the catalog sets. */
    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Describes every topic of the catalog as the cluster has it; exit code 1 if one is "
                    + "missing or differs from the catalog.")
    static final class Describe implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ClusterOptions cluster;
        @Mixin
        private SecurityOptions security;

        @Override
        public Integer call() {
            try (Admin admin = admin(cluster, security.adminLogin(spec))) {
                List<TopicStatus> statuses = new TopicProvisioner(admin, 1).describe(Topics.all());
                statuses.forEach(status -> spec.commandLine().getOut().println(status.describe()));
                boolean consistent = statuses.stream().allMatch(s -> s.exists() && s.mismatches().isEmpty());
                return consistent ? 0 : 1;
            }
        }
    }
}
