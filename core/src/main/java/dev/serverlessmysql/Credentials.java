package dev.serverlessmysql;

import java.util.Objects;

/**
 * A user name and a password (or an IAM authentication token) for one new connection. A credentials supplier,
 * set with {@link ServerlessMysqlBuilder#credentials(java.util.function.Supplier)}, is called for every new
 * connection, so short-lived tokens and rotated secrets are always fresh.
 *
 * @param user the database user name
 * @param password the password or token; may be null for an account without one
 */
public record Credentials(String user, String password) {

    /** Checks that the user name is present. */
    public Credentials {
        Objects.requireNonNull(user, "user");
    }

    /** Shorthand for the constructor. */
    public static Credentials of(String user, String password) {
        return new Credentials(user, password);
    }

    /** Shows the user name only: a password never reaches a log line. */
    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
