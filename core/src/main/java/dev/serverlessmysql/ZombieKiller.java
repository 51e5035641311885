package dev.serverlessmysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Kills the sessions {@link Housekeeper} chose, counting "unknown thread" (another client killed it first) as
 * success. {@code KILL} takes no bound parameter in MySQL, so it is the one statement the client builds as text:
 * from a {@code long} read from the process list, never from a string.
 */
final class ZombieKiller {

    private final Events events;
    private final Counters counters;

    ZombieKiller(Events events, Counters counters) {
        this.events = events;
        this.counters = counters;
    }

    /** Kills the first {@code n} sessions, oldest first, while they are idle at least {@code threshold} seconds. */
    int kill(Connection c, long[] ids, long[] idle, int n, long threshold) throws SQLException {
        int killed = 0;
        try (Statement st = c.createStatement()) {
            for (int i = 0; i < n && idle[i] >= threshold; i++) {
                if (kill(st, c, ids[i], idle[i])) {
                    killed++;
                }
            }
        }
        return killed;
    }

    private boolean kill(Statement st, Connection c, long id, long idleSeconds) throws SQLException {
        try {
            // the only SQL not using bound parameters: KILL takes none; the id is a long read from the process list
            st.execute("KILL " + id);
        } catch (SQLException e) {
            if (e.getErrorCode() != SqlErrors.UNKNOWN_THREAD) {
                if (SqlErrors.isConnectionLost(e, c)) {
                    throw e;
                }
                counters.killErrors.incrementAndGet();
                events.killError(id, e);
                return false;
            }
            // "unknown thread": another client killed it first; the room is free all the same
        }
        counters.zombiesKilled.incrementAndGet();
        events.kill(id, Duration.ofSeconds(idleSeconds));
        return true;
    }
}
