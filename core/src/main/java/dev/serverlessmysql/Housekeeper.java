package dev.serverlessmysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * What {@code end()} does about server-wide pressure, comparing like with like:
 * <ul>
 *   <li>the limit is {@code max_connections}, or {@code LEAST(max_user_connections, max_connections)} when the
 *       account has a lower per-user limit (cached for {@code maxConnsFreq});</li>
 *   <li>the used count is the server's {@code Threads_connected} against {@code max_connections} (no privilege, no
 *       process-list mutex), or the own user's sessions against a per-user limit (cached for
 *       {@code usedConnsFreq});</li>
 *   <li>kill candidates are only the own user's sleeping sessions, never the client's own connection, idle at least
 *       {@code zombieMinTimeout}, oldest first, at most {@code maxKillsPerEnd} per call.</li>
 * </ul>
 * Above {@code connUtilization} it kills the candidates idle at least as long as the oldest (clamped to the zombie
 * timeouts), or, when it killed none, tells the caller to close its own connection. Below, at most once per
 * {@code maxConnsFreq}, it kills the own user's sessions idle longer than {@code zombieMaxTimeout}.
 *
 * <p>{@code KILL} takes no bound parameter in MySQL, so it is the one statement the client builds as text: from a
 * {@code long} read from the process list, never from a string.
 */
final class Housekeeper {

    static final String LIMITS_SQL = "SELECT @@max_connections, @@max_user_connections";
    static final String SERVER_USED_SQL = "SHOW GLOBAL STATUS LIKE 'Threads_connected'";
    static final String USER_USED_SQL = "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
            + " WHERE USER = SUBSTRING_INDEX(CURRENT_USER(), '@', 1)";
    static final String CANDIDATES_SQL = "SELECT ID, TIME FROM information_schema.PROCESSLIST"
            + " WHERE USER = SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AND COMMAND = 'Sleep' AND ID <> CONNECTION_ID()"
            + " AND TIME >= ? ORDER BY TIME DESC LIMIT ?";

    private final Settings settings;
    private final Events events;
    private final Counters counters;
    private final long maxConnsFreqNanos;
    private final long usedConnsFreqNanos;
    private final long minIdleSeconds;
    private final long maxIdleSeconds;

    private boolean haveLimits;
    private long limitsAt;
    private int limit;
    private boolean perUser;
    private boolean haveUsed;
    private long usedAt;
    private int used;

    Housekeeper(Settings settings, Events events, Counters counters) {
        this.settings = settings;
        this.events = events;
        this.counters = counters;
        this.maxConnsFreqNanos = settings.maxConnsFreq().toNanos();
        this.usedConnsFreqNanos = settings.usedConnsFreq().toNanos();
        this.minIdleSeconds = ceilSeconds(settings.zombieMinTimeout());
        this.maxIdleSeconds = ceilSeconds(settings.zombieMaxTimeout());
    }

    /**
     * Runs the checks on the client's connection {@code c}.
     *
     * @param pressureSeen whether connecting met "no room" errors since the last call: the cached used count is then
     *     stale by definition and is read again
     * @return true when the client should close its own connection to make room
     */
    boolean end(Connection c, long now, boolean pressureSeen) throws SQLException {
        boolean sweepDue = false;
        if (!haveLimits || now - limitsAt >= maxConnsFreqNanos) {
            readLimits(c);
            limitsAt = now;
            haveLimits = true;
            sweepDue = true;
        }
        if (!haveUsed || pressureSeen || now - usedAt >= usedConnsFreqNanos) {
            used = readUsed(c);
            usedAt = now;
            haveUsed = true;
        }
        if (limit > 0 && (double) used / limit > settings.connUtilization()) {
            int killed = killIdle(c, minIdleSeconds, true);
            used -= killed;
            if (killed == 0) {
                used--;
                return true;
            }
        } else if (sweepDue) {
            used -= killIdle(c, maxIdleSeconds, false);
        }
        return false;
    }

    /** Forgets the cached figures, for example after a SnapStart restore. */
    void reset() {
        haveLimits = false;
        haveUsed = false;
    }

    int limit() {
        return limit;
    }

    boolean perUser() {
        return perUser;
    }

    int used() {
        return used;
    }

    private void readLimits(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(LIMITS_SQL)) {
            rs.next();
            long maxConnections = rs.getLong(1);
            long maxUserConnections = rs.getLong(2);
            perUser = maxUserConnections > 0 && maxUserConnections < maxConnections;
            limit = (int) Math.min(Integer.MAX_VALUE, perUser ? maxUserConnections : maxConnections);
        }
    }

    private int readUsed(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(perUser ? USER_USED_SQL : SERVER_USED_SQL)) {
            if (!rs.next()) {
                return 0;
            }
            return perUser ? rs.getInt(1) : Integer.parseInt(rs.getString(2).trim());
        }
    }

    /**
     * Kills the own user's sleeping sessions idle at least {@code minIdle} seconds, oldest first. Under pressure the
     * threshold is the oldest candidate's idle time clamped to the zombie timeouts, as serverless-mysql does.
     */
    private int killIdle(Connection c, long minIdle, boolean underPressure) throws SQLException {
        int cap = settings.maxKillsPerEnd();
        if (cap == 0) {
            return 0;
        }
        long[] ids = new long[cap];
        long[] idle = new long[cap];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(CANDIDATES_SQL)) {
            ps.setLong(1, minIdle);
            ps.setInt(2, cap);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && n < cap) {
                    ids[n] = rs.getLong(1);
                    idle[n] = rs.getLong(2);
                    n++;
                }
            }
        }
        if (n == 0) {
            return 0;
        }
        long threshold = underPressure ? Math.min(Math.max(idle[0], minIdleSeconds), maxIdleSeconds) : minIdle;
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

    private static long ceilSeconds(Duration d) {
        long s = d.getSeconds();
        return d.getNano() > 0 ? s + 1 : s;
    }
}
