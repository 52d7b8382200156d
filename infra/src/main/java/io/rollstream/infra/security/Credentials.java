package io.rollstream.infra.security;

import java.util.Objects;

/**
 * A user name and its password. {@link #toString()} never shows the password, so a credential that ends up in a
 * log line or an exception message leaks nothing.
 *
 * @param user     the SCRAM (and registry) user name
 * @param password the secret, never printed
 */
public record Credentials(String user, String password) {

    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isBlank() || user.chars().anyMatch(c -> c == '"' || c == '\\' || c == ',' || c == '=' || c < 0x20)) {
            throw new IllegalArgumentException("a user name must be non-blank without quotes, backslashes, commas,"
                    + " '=' or control characters");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the password of " + user + " must not be empty");
        }
    }

    /** The principal the broker authorizes this user as. */
    public String principal() {
        return "User:" + user;
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=***]";
    }
}
