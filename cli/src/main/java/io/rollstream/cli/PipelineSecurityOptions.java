package io.rollstream.cli;

import io.rollstream.experiment.demo.PipelineLogins;
import io.rollstream.experiment.demo.PipelineSecurity;
import io.rollstream.infra.security.Credentials;
import io.rollstream.infra.security.Role;
import io.rollstream.infra.security.SecurityCredentials;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How a command that runs every component itself (demo, the experiments) meets a secure cluster. With
 * {@code --secure} and no external cluster it starts the secure embedded stack (as {@code broker --secure}); with
 * {@code --secure} and {@code --bootstrap-servers} its feeder, grader, actors, learners and audit log in to that
 * cluster, each as its own role's user. Credentials come from a file or the environment, never from a flag, and
 * are never printed.
 */
public final class PipelineSecurityOptions {

    private static final String ADMIN_PASSWORD_VARIABLE =
            "ROLLSTREAM_" + SecurityCredentials.ADMIN_KEY.toUpperCase(Locale.ROOT) + "_PASSWORD";

    @Option(names = "--secure",
            description = "Run every component as its own role's user under least-privilege ACLs. Without"
                    + " --bootstrap-servers: start the secure single-broker stack (as 'broker --secure': SASL/SCRAM-"
                    + "SHA-512, ACLs per role, registry basic auth) with the users of --credentials-file, else of"
                    + " ROLLSTREAM_ADMIN_PASSWORD and ROLLSTREAM_<ROLE>_PASSWORD (and _USER) when"
                    + " ROLLSTREAM_ADMIN_PASSWORD is set, else with random passwords kept in memory only. With"
                    + " --bootstrap-servers: log in to that secure cluster as the feeder, actor, grader, learner and"
                    + " auditor users of --credentials-file or of ROLLSTREAM_<ROLE>_PASSWORD (and _USER); no admin"
                    + " password is needed. Passwords are never printed nor written.")
    boolean secure;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "With --secure: properties file with <role>.password (and optional <role>.user) keys,"
                    + " plus admin.password for the embedded stack (the file of 'broker --secure').")
    Path credentialsFile;

    /**
     * How the run meets its cluster: {@link PipelineSecurity#OPEN} without {@code --secure}; a bad combination, a
     * bad file or missing variables are parameter errors that name the key, never a value.
     */
    public PipelineSecurity security(CommandSpec spec, boolean externalCluster) {
        return security(spec, externalCluster, System.getenv());
    }

    PipelineSecurity security(CommandSpec spec, boolean externalCluster, Map<String, String> environment) {
        if (!secure) {
            if (credentialsFile != null) {
                throw new ParameterException(spec.commandLine(),
                        "Invalid value for option '--credentials-file': it is read only with --secure");
            }
            return PipelineSecurity.OPEN;
        }
        if (externalCluster) {
            return PipelineSecurity.external(ConfigErrors.orParameterError(spec,
                    () -> PipelineLogins.of(runUsers(environment))));
        }
        if (credentialsFile != null) {
            return PipelineSecurity.ownSecureStack(ConfigErrors.orParameterError(spec, () -> ConfigErrors.keyed(
                    "credentials-file", () -> SecurityCredentials.fromFile(credentialsFile))));
        }
        if (environment.containsKey(ADMIN_PASSWORD_VARIABLE)) {
            return PipelineSecurity.ownSecureStack(ConfigErrors.orParameterError(spec,
                    () -> SecurityCredentials.fromEnvironment(environment)));
        }
        return PipelineSecurity.ownSecureStack(SecurityCredentials.random());
    }

    /** The user of every role a run logs in as, from the file or else the environment; each one is required. */
    private Map<Role, Credentials> runUsers(Map<String, String> environment) {
        Map<Role, Credentials> users = new EnumMap<>(Role.class);
        for (Role role : PipelineLogins.RUN_ROLES) {
            users.put(role, credentialsFile != null
                    ? ConfigErrors.keyed("credentials-file",
                            () -> SecurityCredentials.userFromFile(credentialsFile, role.key()))
                    : SecurityCredentials.userFromEnvironment(environment, role.key()).orElseThrow(
                            () -> new IllegalArgumentException("secure: logging in to --bootstrap-servers needs"
                                    + " --credentials-file or ROLLSTREAM_" + role.key().toUpperCase(Locale.ROOT)
                                    + "_PASSWORD (and the other roles' passwords)")));
        }
        return users;
    }
}
