package io.rollstream.cli;

import io.rollstream.infra.security.Credentials;
import io.rollstream.infra.security.Role;
import io.rollstream.infra.security.SaslClients;
import io.rollstream.infra.security.SecurityCredentials;
import io.rollstream.schemas.security.ClientLogin;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How a command logs in to a secure cluster ({@code rollstream broker --secure}): the user and password of the
 * command's role from a credentials file or from the environment, never from a flag (which other users of the
 * machine can see). With neither, the command talks to an open cluster. Shared beside {@link ClusterOptions} by
 * every subcommand that talks to the cluster.
 */
public final class SecurityOptions {

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "Log in to a secure cluster (broker --secure) as this command's role (feed: feeder,"
                    + " actor, grader, learner, audit and export: auditor, eval: feeder and auditor, topics: admin)"
                    + " with the <role>.password and optional <role>.user of this properties file; without it,"
                    + " ROLLSTREAM_<ROLE>_PASSWORD and ROLLSTREAM_<ROLE>_USER if set, else no login. Passwords are"
                    + " never printed.")
    Path credentialsFile;

    /** The login of {@code role}, or {@link ClientLogin#NONE} when neither the file nor the environment has one. */
    public ClientLogin login(CommandSpec spec, Role role) {
        return login(spec, role.key(), System.getenv());
    }

    /** The administrator's login ({@code admin.password}), or {@link ClientLogin#NONE}. */
    public ClientLogin adminLogin(CommandSpec spec) {
        return login(spec, SecurityCredentials.ADMIN_KEY, System.getenv());
    }

    /** The user of {@code key} from the file, else from {@code environment}; a bad file is a parameter error. */
    ClientLogin login(CommandSpec spec, String key, Map<String, String> environment) {
        Optional<Credentials> user = ConfigErrors.orParameterError(spec, () -> credentialsFile != null
                ? Optional.of(ConfigErrors.keyed("credentials-file",
                        () -> SecurityCredentials.userFromFile(credentialsFile, key)))
                : SecurityCredentials.userFromEnvironment(environment, key));
        return user.map(SaslClients::login).orElse(ClientLogin.NONE);
    }
}
