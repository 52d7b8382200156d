package io.rollstream.infra.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;

/**
 * Sets up a secure cluster through the Admin API of its administrator: a SCRAM-SHA-512 credential for every role's
 * user and the {@link CatalogAcls}. Both steps are idempotent, so running them on every start is safe.
 */
public final class ScramUsers {

    /** SCRAM iterations; Kafka's minimum is 4096. */
    static final int ITERATIONS = 8192;
    private static final long TIMEOUT_SECONDS = 30;

    private ScramUsers() {
    }

    /** Creates or replaces the credential of every role's user. */
    public static void upsertRoleUsers(Admin admin, SecurityCredentials credentials) {
        List<UserScramCredentialAlteration> alterations = new ArrayList<>();
        for (Role role : Role.values()) {
            Credentials user = credentials.of(role);
            alterations.add(new UserScramCredentialUpsertion(user.user(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), user.password()));
        }
        await(() -> admin.alterUserScramCredentials(alterations).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                "create the SCRAM users");
    }

    /** Adds the catalog's ACLs (existing equal bindings are left as they are). */
    public static void applyAcls(Admin admin, SecurityCredentials credentials) {
        List<AclBinding> bindings = CatalogAcls.bindings(credentials);
        await(() -> admin.createAcls(bindings).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "create the ACLs");
    }

    private interface Call {
        void run() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static void await(Call call, String what) {
        try {
            call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot " + what + " within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
