package dev.serverlessmysql.test;

/**
 * Credentials of a non-privileged account created for a test database.
 *
 * @param name the account's user name
 * @param password the account's password
 */
public record DatabaseUser(String name, String password) {

    /** Shows the user name only, so that passwords never reach test logs. */
    @Override
    public String toString() {
        return "DatabaseUser[" + name + "]";
    }
}
