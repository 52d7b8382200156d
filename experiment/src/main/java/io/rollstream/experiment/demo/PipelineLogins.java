package io.rollstream.experiment.demo;

import io.rollstream.infra.security.Credentials;
import io.rollstream.infra.security.Role;
import io.rollstream.infra.security.SaslClients;
import io.rollstream.infra.security.SecurityCredentials;
import io.rollstream.schemas.security.ClientLogin;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The login of every in-process component of a run, by role: on a secure stack each one talks to Kafka and the
 * registry as its own role's user, so the run exercises the least-privilege ACLs; on an open one nobody logs in.
 */
public final class PipelineLogins {

    /** An open cluster: every role logs in as {@link ClientLogin#NONE}. */
    public static final PipelineLogins OPEN = new PipelineLogins(Map.of());

    private final Map<Role, ClientLogin> logins;

    private PipelineLogins(Map<Role, ClientLogin> logins) {
        this.logins = Map.copyOf(logins);
    }

    /** The roles whose users a run of every component (feed, act, grade, learn, audit) logs in as. */
    public static final Set<Role> RUN_ROLES = Collections.unmodifiableSet(
            EnumSet.of(Role.FEEDER, Role.ACTOR, Role.GRADER, Role.LEARNER, Role.AUDITOR));

    /** One login per role of {@code credentials}. */
    public static PipelineLogins of(SecurityCredentials credentials) {
        Map<Role, ClientLogin> logins = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            logins.put(role, SaslClients.login(credentials.of(role)));
        }
        return new PipelineLogins(logins);
    }

    /** One login per user of {@code users}, by role; a role missing from it logs in as nobody. */
    public static PipelineLogins of(Map<Role, Credentials> users) {
        Map<Role, ClientLogin> logins = new EnumMap<>(Role.class);
        users.forEach((role, user) -> logins.put(role, SaslClients.login(user)));
        return new PipelineLogins(logins);
    }

    /** How {@code role}'s components log in. */
    public ClientLogin of(Role role) {
        return logins.getOrDefault(role, ClientLogin.NONE);
    }

    /** Whether the components log in at all. */
    public boolean secured() {
        return !logins.isEmpty();
    }

    @Override
    public String toString() {
        return "PipelineLogins" + logins;
    }
}
