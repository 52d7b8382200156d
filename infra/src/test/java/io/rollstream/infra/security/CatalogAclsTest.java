package io.rollstream.infra.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.Topics;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class CatalogAclsTest {

    private static final Map<Role, String> PRINCIPALS = principals();
    private static final List<AclBinding> ACLS = CatalogAcls.bindings(PRINCIPALS);

    @Test
    void shouldNeverLetTheActorReadQuestions() {
        assertFalse(allows(Role.ACTOR, AclOperation.READ, Topics.QUESTIONS.name()));
        assertTrue(allows(Role.GRADER, AclOperation.READ, Topics.QUESTIONS.name()));
    }

    @Test
    void shouldLetActorsReadPromptsAndPolicyVersionsAndWriteAttemptsAndDeadLetters() {
        assertTrue(allows(Role.ACTOR, AclOperation.READ, Topics.PROMPTS.name()));
        assertTrue(allows(Role.ACTOR, AclOperation.READ, Topics.POLICY_VERSIONS.name()));
        assertTrue(allows(Role.ACTOR, AclOperation.WRITE, Topics.ATTEMPTS.name()));
        assertTrue(allows(Role.ACTOR, AclOperation.WRITE, Topics.DEAD_LETTERS.name()));
        assertEquals(Set.of(Topics.ATTEMPTS.name(), Topics.DEAD_LETTERS.name()), topicsWith(Role.ACTOR, AclOperation.WRITE));
        assertTrue(allowsOn(Role.ACTOR, ResourceType.TRANSACTIONAL_ID, AclOperation.WRITE, "rollstream-actor-7"));
        assertFalse(allowsOn(Role.ACTOR, ResourceType.TRANSACTIONAL_ID, AclOperation.WRITE, "rollstream-grader-0_1"));
    }

    @Test
    void shouldLetTheGraderReadEveryTopicItsTopologyConsumes() {
        assertEquals(Set.of(Topics.QUESTIONS.name(), Topics.PROMPTS.name(), Topics.ATTEMPTS.name()),
                topicsWith(Role.GRADER, AclOperation.READ).stream().filter(name -> name.startsWith("rl-"))
                        .collect(Collectors.toSet()));
    }

    @Test
    void shouldLetOnlyTheGraderWriteGradedRecordsAndTrajectories() {
        for (Topic<?, ?> topic : List.of(Topics.GRADED, Topics.TRAJECTORIES)) {
            for (Role role : Role.values()) {
                assertEquals(role == Role.GRADER, allows(role, AclOperation.WRITE, topic.name()), role + " on " + topic);
            }
        }
    }

    @Test
    void shouldLetSubscribersReadGradedRecordsAndNothingElse() {
        assertEquals(Set.of(Topics.GRADED.name()), topicsWith(Role.SUBSCRIBER, AclOperation.READ));
        assertEquals(Set.of(), topicsWith(Role.SUBSCRIBER, AclOperation.WRITE));
        assertTrue(ACLS.stream().filter(b -> b.entry().principal().equals(PRINCIPALS.get(Role.SUBSCRIBER)))
                .map(b -> b.entry().operation())
                .allMatch(op -> op == AclOperation.READ || op == AclOperation.DESCRIBE));
    }

    @Test
    void shouldGiveEveryTopicOfTheCatalogAWriterAndAReader() {
        for (Topic<?, ?> topic : Topics.all()) {
            assertTrue(List.of(Role.values()).stream().anyMatch(r -> allows(r, AclOperation.WRITE, topic.name())), topic.name());
            assertTrue(List.of(Role.values()).stream().anyMatch(r -> allows(r, AclOperation.READ, topic.name())), topic.name());
        }
    }

    @Test
    void shouldOnlyAllowAndNeverNameAWildcardResourceOrAnUnknownPrincipal() {
        for (AclBinding binding : ACLS) {
            assertEquals(AclPermissionType.ALLOW, binding.entry().permissionType(), binding.toString());
            assertFalse(binding.pattern().name().equals(ResourcePattern.WILDCARD_RESOURCE), binding.toString());
            assertTrue(PRINCIPALS.containsValue(binding.entry().principal()), binding.toString());
            assertFalse(binding.pattern().resourceType() == ResourceType.CLUSTER, binding.toString());
        }
    }

    /** Kafka's matching: literal equal, prefixed starts-with; ALL covers every operation, READ and WRITE imply DESCRIBE. */
    private static boolean allowsOn(Role role, ResourceType type, AclOperation operation, String name) {
        return ACLS.stream()
                .filter(b -> b.entry().principal().equals(PRINCIPALS.get(role)))
                .filter(b -> b.pattern().resourceType() == type)
                .filter(b -> b.pattern().patternType() == PatternType.LITERAL ? b.pattern().name().equals(name)
                        : name.startsWith(b.pattern().name()))
                .anyMatch(b -> b.entry().operation() == operation || b.entry().operation() == AclOperation.ALL);
    }

    private static boolean allows(Role role, AclOperation operation, String topic) {
        return allowsOn(role, ResourceType.TOPIC, operation, topic);
    }

    private static Set<String> topicsWith(Role role, AclOperation operation) {
        return Topics.allWithInternal().stream().map(Topic::name).filter(t -> allows(role, operation, t))
                .collect(Collectors.toSet());
    }

    private static Map<Role, String> principals() {
        Map<Role, String> principals = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            principals.put(role, "User:" + role.defaultUser());
        }
        return principals;
    }
}
