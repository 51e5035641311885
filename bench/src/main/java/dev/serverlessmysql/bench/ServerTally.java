package dev.serverlessmysql.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The server's own counters, read on one administrative connection to a server that nothing else uses, so that the
 * difference between two readings is what the clients sent, once this tally's own statements are taken off. It can
 * also serve as a simulator's connection counter on that same connection, one statement per sample.
 */
final class ServerTally implements AutoCloseable {

    private static final String COUNTERS_SQL = "SHOW GLOBAL STATUS WHERE Variable_name IN"
            + " ('Questions', 'Com_admin_commands', 'Com_stmt_prepare', 'Connections', 'Com_kill')";
    private static final String CONNECTED_SQL = "SHOW GLOBAL STATUS LIKE 'Threads_connected'";

    private final Connection admin;
    private long ownStatements;

    ServerTally(DataSource adminDataSource) throws SQLException {
        this.admin = adminDataSource.getConnection();
    }

    /** The counters now, this reading included. */
    synchronized Reading read() throws SQLException {
        ownStatements++;
        long questions = 0;
        long adminCommands = 0;
        long prepares = 0;
        long connections = 0;
        long kills = 0;
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(COUNTERS_SQL)) {
            while (rs.next()) {
                long v = Long.parseLong(rs.getString(2));
                switch (rs.getString(1)) {
                    case "Questions" -> questions = v;
                    case "Com_admin_commands" -> adminCommands = v;
                    case "Com_stmt_prepare" -> prepares = v;
                    case "Connections" -> connections = v;
                    case "Com_kill" -> kills = v;
                    default -> throw new IllegalStateException("unexpected counter " + rs.getString(1));
                }
            }
        }
        return new Reading(questions, adminCommands, prepares, connections, kills, ownStatements);
    }

    /** Client sessions open on the server, this tally's own left out; one statement on the tally's connection. */
    synchronized int connectionCount() {
        ownStatements++;
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(CONNECTED_SQL)) {
            rs.next();
            return Integer.parseInt(rs.getString(2).trim()) - 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read Threads_connected: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }

    /** The counters at one moment, with the number of statements the tally itself had sent until then. */
    record Reading(long questions, long adminCommands, long prepares, long connections, long kills,
                   long tallyStatements) {

        /** What the clients cost the server from {@code before} to this reading. */
        Cost since(Reading before) {
            return new Cost(questions - before.questions - (tallyStatements - before.tallyStatements),
                    adminCommands - before.adminCommands, prepares - before.prepares, connections - before.connections,
                    kills - before.kills);
        }
    }

    /**
     * Round trips as the issue counts them: statements ({@code Questions}), pings and other commands
     * ({@code Com_admin_commands}), server-side prepares and new connections; {@code kills} ({@code Com_kill}) are
     * among the statements, shown apart.
     */
    record Cost(long statements, long pings, long prepares, long connections, long kills) {

        long roundTrips() {
            return statements + pings + prepares + connections;
        }
    }
}
