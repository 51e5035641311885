package dev.serverlessmysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * What {@code end()} does about server-wide pressure, comparing like with like:
 * <ul>
 *   <li>the limit is {@code max_connections}, or {@code LEAST(max_user_connections, max_connections)} when the
 *       account has a lower per-user limit;</li>
 *   <li>the used count is the server's {@code Threads_connected} against {@code max_connections} (no privilege
 *       needed), or the own user's sessions against a per-user limit;</li>
 *   <li>kill candidates are only the own user's sleeping sessions, never the client's own connection, idle at least
 *       {@code zombieMinTimeout}, oldest first, at most {@code maxKillsPerEnd} per call.</li>
 * </ul>
 * Above {@code connUtilization} it kills the candidates idle at least as long as the oldest (clamped to the zombie
 * timeouts), or, when it killed none, tells the caller to close its own connection. Below, each time the limits are
 * read, it kills the own user's sessions idle longer than {@code zombieMaxTimeout}, if the status query saw any.
 *
 * <p>How often it reads is {@link UsageRule}'s business; which statements it sends is {@link ServerDialect}'s. When
 * the limits are due, one statement brings the limits, the used count and the oldest idle session. A reading that
 * cannot be right (no row, no number, a process list without the client's own session) fails the call with the
 * reason instead of being taken as zero, which would switch off pressure handling without a word.
 * Killing itself is {@link ZombieKiller}'s.
 */
final class Housekeeper {

    private static final String NOTHING_DONE = "so it neither killed nor closed anything this time and asks again at"
            + " the next end()";

    private final Settings settings;
    private final Events events;
    private final UsageRule rule;
    private final ZombieKiller killer;
    private final long minIdleSeconds;
    private final long maxIdleSeconds;

    private final ServerDialect forced;
    private Connection dialectFor;
    private ServerDialect dialect;
    private boolean haveLimits;
    private long limitsDueAt;
    private int limit;
    private boolean perUser;
    private boolean haveUsed;
    private long usedDueAt;
    private int used;
    private long oldestIdle = -1;
    private boolean warnedNoOwnSession;

    Housekeeper(Settings settings, Events events, Counters counters) {
        this(settings, events, counters, null);
    }

    /** With {@code forced} not null, every connection starts with that dialect, whatever its server says (tests). */
    Housekeeper(Settings settings, Events events, Counters counters, ServerDialect forced) {
        this.forced = forced;
        this.settings = settings;
        this.events = events;
        this.rule = new UsageRule(settings.connUtilization(), settings.usedConnsFreq().toNanos(),
                settings.maxConnsFreq().toNanos(), seed());
        this.killer = new ZombieKiller(events, counters);
        this.minIdleSeconds = ceilSeconds(settings.zombieMinTimeout());
        this.maxIdleSeconds = ceilSeconds(settings.zombieMaxTimeout());
    }

    /**
     * Runs the checks on the client's connection {@code c}, logged in as {@code user}.
     *
     * @param pressureSeen whether connecting met "no room" errors since the last call: the cached used count is then
     *     stale by definition and is read again
     * @return true when the client should close its own connection to make room
     */
    boolean end(Connection c, String user, long now, boolean pressureSeen) throws SQLException {
        boolean limitsDue = !haveLimits || now - limitsDueAt >= 0;
        boolean statusRead = false;
        if (limitsDue || !haveUsed || pressureSeen || now - usedDueAt >= 0) {
            // one statement whenever anything is due: the used count comes with the limits and the oldest idler, so
            // an end() above the threshold with nothing old enough to kill costs that statement alone
            readStatus(c, user);
            if (limitsDue) {
                limitsDueAt = now + rule.limitsTtl();
            }
            usedDueAt = now + rule.usedTtl(used, limit);
            statusRead = true;
        }
        if ((double) used / limit > settings.connUtilization()) {
            // the status query just saw how long the oldest candidate has idled: no candidate, no need to look again
            int killed = statusRead && oldestIdle < minIdleSeconds ? 0 : killIdle(c, user, minIdleSeconds, true);
            used -= killed;
            if (killed == 0) {
                used--;
                return true;
            }
        } else if (statusRead && oldestIdle >= maxIdleSeconds) {
            used -= killIdle(c, user, maxIdleSeconds, false);
        }
        return false;
    }

    /** Forgets the cached figures and draws new random numbers, for example after a SnapStart restore. */
    void reset() {
        haveLimits = false;
        haveUsed = false;
        dialectFor = null;
        rule.reseed(seed());
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

    /** The limits, the used count and the oldest idle session in one statement. */
    private void readStatus(Connection c, String user) throws SQLException {
        haveLimits = false;
        haveUsed = false;
        ServerDialect d;
        long maxConnections;
        long maxUserConnections;
        String threadsConnected;
        int sessions;
        while (true) {
            d = dialect(c);
            try (PreparedStatement ps = c.prepareStatement(d.statusSql)) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw unreadable(d.statusSql, "it returned no row");
                    }
                    maxConnections = rs.getLong(1);
                    maxUserConnections = rs.getLong(2);
                    threadsConnected = rs.getString(3);
                    sessions = rs.getInt(4);
                    long oldest = rs.getLong(5);
                    oldestIdle = rs.wasNull() ? -1 : oldest;
                }
            } catch (SQLException e) {
                fallBackOrThrow(c, d, e);
                continue;
            }
            if (sessions > 0 || d.fallback() == null) {
                break;
            }
            fallBack(d, null);
        }
        if (maxConnections <= 0) {
            throw unreadable(d.statusSql, "max_connections was " + maxConnections);
        }
        perUser = maxUserConnections > 0 && maxUserConnections < maxConnections;
        limit = (int) Math.min(Integer.MAX_VALUE, perUser ? maxUserConnections : maxConnections);
        if (sessions == 0) {
            if (perUser) {
                throw noOwnSession(user, d.statusSql, NOTHING_DONE);
            }
            if (!warnedNoOwnSession) {
                // the server-wide count still works, and closing its own connection still makes room
                warnedNoOwnSession = true;
                events.log(System.Logger.Level.WARNING, noOwnSession(user, d.statusSql, "so it cannot find this user's"
                        + " zombie sessions to kill; under pressure it closes its own connection").getMessage(), null);
            }
        }
        used = (int) Math.min(Integer.MAX_VALUE, perUser ? sessions
                : number(threadsConnected, d.statusSql, "Threads_connected"));
        haveLimits = true;
        haveUsed = true;
    }

    /**
     * Kills the own user's sleeping sessions idle at least {@code minIdle} seconds, oldest first. Under pressure the
     * threshold is the oldest candidate's idle time clamped to the zombie timeouts, as serverless-mysql does.
     */
    private int killIdle(Connection c, String user, long minIdle, boolean underPressure) throws SQLException {
        int cap = settings.maxKillsPerEnd();
        if (cap == 0) {
            return 0;
        }
        long[] ids = new long[cap];
        long[] idle = new long[cap];
        int n = 0;
        while (true) {
            ServerDialect d = dialect(c);
            try (PreparedStatement ps = c.prepareStatement(d.candidatesSql)) {
                ps.setString(1, user);
                ps.setLong(2, minIdle);
                ps.setInt(3, cap);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && n < cap) {
                        ids[n] = rs.getLong(1);
                        idle[n] = rs.getLong(2);
                        n++;
                    }
                }
                break;
            } catch (SQLException e) {
                fallBackOrThrow(c, d, e);
                n = 0;
            }
        }
        if (n == 0) {
            return 0;
        }
        long threshold = underPressure ? Math.min(Math.max(idle[0], minIdleSeconds), maxIdleSeconds) : minIdle;
        return killer.kill(c, ids, idle, n, threshold);
    }

    /** The dialect of the server behind {@code c}, from the version the driver read in the handshake. */
    private ServerDialect dialect(Connection c) throws SQLException {
        if (c != dialectFor) {
            dialect = forced != null ? forced : ServerDialect.of(c.getMetaData().getDatabaseProductVersion());
            dialectFor = c;
        }
        return dialect;
    }

    /**
     * A Performance Schema statement failed (the table is missing or not readable for this account): the
     * information_schema statements take over for this connection. Anything else, and a lost connection, is thrown.
     */
    private void fallBackOrThrow(Connection c, ServerDialect d, SQLException e) throws SQLException {
        if (d.fallback() == null || SqlErrors.isConnectionLost(e, c)) {
            throw e;
        }
        fallBack(d, e);
    }

    private void fallBack(ServerDialect d, SQLException cause) {
        dialect = d.fallback();
        events.log(System.Logger.Level.DEBUG, "housekeeping reads " + dialect + " instead of " + d + ": " + (cause == null
                ? "the process list did not show this client's own session" : cause.getMessage() + SqlErrors.codes(cause)),
                null);
    }

    private static long number(String value, String sql, String what) throws SQLException {
        if (value == null) {
            throw unreadable(sql, what + " was missing");
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw unreadable(sql, what + " was '" + value + "'");
    }

    private static SQLException unreadable(String sql, String why) {
        return new SQLException("end() could not read the server's connection usage (" + why + "), " + NOTHING_DONE
                + ". Statement: " + sql, "HY000");
    }

    private static SQLException noOwnSession(String user, String sql, String consequence) {
        return new SQLException("end() could not count the sessions of user '" + user + "': the process list does not"
                + " show even this client's own session, " + consequence + ". A named (not anonymous) account sees its"
                + " own threads without the PROCESS privilege. Statement: " + sql, "HY000");
    }

    private long seed() {
        return System.nanoTime() ^ ((long) System.identityHashCode(this) << 32);
    }

    private static long ceilSeconds(Duration d) {
        long s = d.getSeconds();
        return d.getNano() > 0 ? s + 1 : s;
    }
}
