package io.rollstream.experiment.demo;

import io.rollstream.infra.security.SecurityCredentials;
import java.util.Objects;

/**
 * How a run that starts every component (the demo, the experiments) meets its cluster: open, on a secure embedded
 * stack it starts itself with {@code stack}'s users, or on an external secure cluster where its components log in
 * with {@code logins}.
 *
 * @param stackOrNull the users of the secure embedded stack to start, or null (an open stack, or an external
 *                    cluster)
 * @param logins      how each role's components log in
 */
public record PipelineSecurity(SecurityCredentials stackOrNull, PipelineLogins logins) {

    /** Nobody logs in; an embedded stack is the open one. */
    public static final PipelineSecurity OPEN = new PipelineSecurity(null, PipelineLogins.OPEN);

    public PipelineSecurity {
        Objects.requireNonNull(logins, "logins");
    }

    /** The secure embedded stack with {@code credentials}' users, every component logging in as its role's. */
    public static PipelineSecurity ownSecureStack(SecurityCredentials credentials) {
        return new PipelineSecurity(credentials, PipelineLogins.of(credentials));
    }

    /** An external secure cluster, which the run's components log in to with {@code logins}. */
    public static PipelineSecurity external(PipelineLogins logins) {
        return new PipelineSecurity(null, logins);
    }

    /** Whether the components log in at all. */
    public boolean secured() {
        return logins.secured();
    }
}
