package io.rollstream.infra.security;

import java.util.Locale;

/**
 * The principals of a secure cluster, one per part of the pipeline. Each role's consumer groups, transactional
 * ids and (for the grader's Kafka Streams application) internal topics start with its {@link #resourcePrefix()},
 * which is what the components use by default ({@code rollstream-actors}, {@code rollstream-actor-<id>},
 * {@code rollstream-grader}).
 */
public enum Role {
    FEEDER,
    ACTOR,
    GRADER,
    LEARNER,
    AUDITOR,
    SUBSCRIBER;

    /** The role's name in keys and user names: {@code actor}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The SCRAM user name a role logs in as unless configured otherwise: {@code rollstream-actor}. */
    public String defaultUser() {
        return "rollstream-" + key();
    }

    /** The prefix of the role's group ids, transactional ids and application-owned topics. */
    public String resourcePrefix() {
        return "rollstream-" + key();
    }
}
