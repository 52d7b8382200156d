package io.rollstream.cli;

import io.rollstream.schemas.registry.RegistryException;
import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Recognises a command's failure to log in to a secure cluster, or to be allowed what it tried, so the command
 * reports it in one line with exit code 1 instead of a stack trace. The messages come from the broker and the
 * registry, which name users and resources but never a password.
 */
public final class LoginFailures {

    private LoginFailures() {
    }

    /** The one line to print when {@code failure}, or one of its causes, is a refused login or access. */
    public static Optional<String> describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationException) {
                return Optional.of("cannot log in to Kafka: " + t.getMessage()
                        + " (check --credentials-file or ROLLSTREAM_<ROLE>_USER/_PASSWORD)");
            }
            if (t instanceof AuthorizationException) {
                return Optional.of("not allowed by the cluster's ACLs: " + t.getMessage());
            }
            if (t instanceof RegistryException registry
                    && (registry.httpStatus() == 401 || registry.httpStatus() == 403)) {
                return Optional.of((registry.httpStatus() == 401 ? "cannot log in to the schema registry: "
                        : "not allowed by the schema registry: ") + t.getMessage());
            }
        }
        return Optional.empty();
    }
}
