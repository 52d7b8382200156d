package io.rollstream.infra.security;

import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least-privilege ACLs of the pipeline, derived from the topic catalog: who reads and who writes each topic
 * (DESIGN.md's topics table), plus each role's own consumer groups and transactional ids under its
 * {@link Role#resourcePrefix()}. Only allow rules, never a wildcard resource: anything not listed is denied by
 * the authorizer. Actors never read {@code rl-questions-v1}; only the grader writes graded records and
 * trajectories; subscribers read graded records and nothing else.
 */
public final class CatalogAcls {

    private static final String ANY_HOST = "*";

    private CatalogAcls() {
    }

    /** The bindings for the users of {@code credentials}. */
    public static List<AclBinding> bindings(SecurityCredentials credentials) {
        Map<Role, String> principals = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            principals.put(role, credentials.of(role).principal());
        }
        return bindings(principals);
    }

    /** The bindings for one principal per role ({@code User:name}); every role must have one. */
    public static List<AclBinding> bindings(Map<Role, String> principals) {
        for (Role role : Role.values()) {
            Objects.requireNonNull(principals.get(role), () -> "no principal for the " + role.key() + " role");
        }
        Rules rules = new Rules(principals);

        rules.writes(Role.FEEDER, Topics.QUESTIONS, Topics.PROMPTS, Topics.DEAD_LETTERS);
        rules.transactions(Role.FEEDER);

        rules.reads(Role.ACTOR, Topics.PROMPTS, Topics.POLICY_VERSIONS);
        rules.writes(Role.ACTOR, Topics.ATTEMPTS, Topics.DEAD_LETTERS);
        rules.groups(Role.ACTOR);
        rules.transactions(Role.ACTOR);

        // First-attempt prompts open the grader's episodes and start their timeout clocks.
        rules.reads(Role.GRADER, Topics.QUESTIONS, Topics.PROMPTS, Topics.ATTEMPTS);
        rules.writes(Role.GRADER, Topics.PROMPTS, Topics.GRADED, Topics.TRAJECTORIES, Topics.DEAD_LETTERS);
        rules.groups(Role.GRADER);
        rules.transactions(Role.GRADER);
        // Kafka Streams creates, reads, writes and purges its changelog and repartition topics, all named after
        // the application id.
        rules.add(Role.GRADER, ResourceType.TOPIC, Role.GRADER.resourcePrefix(), PatternType.PREFIXED, AclOperation.ALL);

        rules.reads(Role.LEARNER, Topics.TRAJECTORIES, Topics.POLICY_VERSIONS);
        rules.writes(Role.LEARNER, Topics.PROMPTS, Topics.POLICY_VERSIONS, Topics.DEAD_LETTERS);
        rules.groups(Role.LEARNER);
        rules.transactions(Role.LEARNER);

        rules.reads(Role.AUDITOR, Topics.all().toArray(Topic<?, ?>[]::new));
        rules.groups(Role.AUDITOR);

        rules.reads(Role.SUBSCRIBER, Topics.GRADED);
        rules.groups(Role.SUBSCRIBER);
        return List.copyOf(rules.bindings);
    }

    /** Collects allow bindings for principals by role. */
    private static final class Rules {
        private final Map<Role, String> principals;
        private final List<AclBinding> bindings = new ArrayList<>();

        Rules(Map<Role, String> principals) {
            this.principals = principals;
        }

        void reads(Role role, Topic<?, ?>... topics) {
            for (Topic<?, ?> topic : topics) {
                add(role, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.READ);
                add(role, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.DESCRIBE);
            }
        }

        void writes(Role role, Topic<?, ?>... topics) {
            for (Topic<?, ?> topic : topics) {
                add(role, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.WRITE);
                add(role, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.DESCRIBE);
            }
        }

        void groups(Role role) {
            add(role, ResourceType.GROUP, role.resourcePrefix(), PatternType.PREFIXED, AclOperation.READ);
            add(role, ResourceType.GROUP, role.resourcePrefix(), PatternType.PREFIXED, AclOperation.DESCRIBE);
        }

        void transactions(Role role) {
            add(role, ResourceType.TRANSACTIONAL_ID, role.resourcePrefix(), PatternType.PREFIXED, AclOperation.WRITE);
            add(role, ResourceType.TRANSACTIONAL_ID, role.resourcePrefix(), PatternType.PREFIXED, AclOperation.DESCRIBE);
        }

        void add(Role role, ResourceType type, String name, PatternType pattern, AclOperation operation) {
            bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principals.get(role), ANY_HOST, operation, AclPermissionType.ALLOW)));
        }
    }
}
