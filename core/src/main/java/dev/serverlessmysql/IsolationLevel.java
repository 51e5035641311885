package dev.serverlessmysql;

/**
 * A transaction isolation level, applied to one transaction only with {@code SET TRANSACTION}, and only when it differs
 * from the session's.
 */
public enum IsolationLevel {
    /** {@code READ UNCOMMITTED}. */
    READ_UNCOMMITTED("READ UNCOMMITTED"),
    /** {@code READ COMMITTED}. */
    READ_COMMITTED("READ COMMITTED"),
    /** {@code REPEATABLE READ}, InnoDB's default. */
    REPEATABLE_READ("REPEATABLE READ"),
    /** {@code SERIALIZABLE}. */
    SERIALIZABLE("SERIALIZABLE");

    private final String sql;

    IsolationLevel(String sql) {
        this.sql = sql;
    }

    /** The level as SQL spells it, for example {@code READ COMMITTED}. */
    public String sql() {
        return sql;
    }
}
