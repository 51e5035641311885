package dev.serverlessmysql;

import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * What a failed attempt means: the one place that classifies a driver error, for connects, statements and
 * transactions alike. It reads vendor codes, SQLState classes and the exception's causes, which MySQL Connector/J and
 * MariaDB Connector/J report the same way; no driver class is used. What to do about each kind (retry, discard,
 * report the outcome) is decided by {@link RetryLoop}'s callers from the kind and from what the server said about the
 * transaction; how an outcome is judged is {@link #outcomeUnknown(int, boolean, boolean)}, here too.
 */
final class Failure {

    /** The kinds of failure. */
    enum Kind {
        /** The connection is gone: class 08, killed, shut down, or a network timeout. The connection is discarded. */
        LOST,
        /** 1290 or 1836, or the writer check at connect: this server is not the writer (now). Refused unexecuted. */
        NOT_WRITER,
        /** 1213: the server rolled the whole transaction back. */
        DEADLOCK,
        /** 1205: the statement waited too long for a row lock and was rolled back; a transaction goes on. */
        LOCK_WAIT,
        /** Connect: the server or the account has no room now (1040, 1203, 1226, 1135, 1041, 1037). */
        NO_ROOM,
        /** Connect: 1045, wrong user name or password, or an expired token. */
        ACCESS_DENIED,
        /** Connect: a configuration error no retry can fix; {@link #fix()} says what to change. */
        CONFIG,
        /** Connect: a network failure that may pass: refused, reset, timed out, a failed DNS lookup. */
        TRANSIENT,
        /** The statement failed and the connection is fine. */
        STATEMENT
    }

    /** ER_OPTION_PREVENTS_STATEMENT: the server runs with --read-only (a demoted Aurora writer says this). */
    static final int READ_ONLY_SERVER = 1290;
    /** ER_READ_ONLY_MODE: read_only on a replica. */
    static final int READ_ONLY_MODE = 1836;
    /** ER_NOT_SUPPORTED_AUTH_MODE: the driver cannot do the account's authentication plugin. */
    static final int AUTH_PLUGIN = 1251;
    /** ER_BAD_DB_ERROR: unknown database. */
    static final int UNKNOWN_DATABASE = 1049;
    /** ER_DBACCESS_DENIED_ERROR: no access to the database. */
    static final int DATABASE_ACCESS_DENIED = 1044;

    private final Kind kind;
    private final SQLException error;
    private final String fix;

    private Failure(Kind kind, SQLException error, String fix) {
        this.kind = kind;
        this.error = error;
        this.fix = fix;
    }

    Kind kind() {
        return kind;
    }

    SQLException error() {
        return error;
    }

    /** For a {@link Kind#CONFIG} failure, what to change; otherwise null. */
    String fix() {
        return fix;
    }

    /** Whether the connection stopped answering within its network timeout (a black hole, a fenced writer). */
    boolean timedOut() {
        return hasCause(error, SocketTimeoutException.class) || "HYT00".equals(error.getSQLState())
                || error instanceof java.sql.SQLTimeoutException && kind == Kind.LOST;
    }

    @Override
    public String toString() {
        return kind + SqlErrors.codes(error);
    }

    /** Classifies a failed statement on {@code c} (which may be null). */
    static Failure ofStatement(SQLException e, Connection c) {
        int code = e.getErrorCode();
        if (code == READ_ONLY_SERVER || code == READ_ONLY_MODE) {
            return new Failure(Kind.NOT_WRITER, e, null);
        }
        if (code == SqlErrors.DEADLOCK) {
            return new Failure(Kind.DEADLOCK, e, null);
        }
        if (code == SqlErrors.LOCK_WAIT_TIMEOUT) {
            return new Failure(Kind.LOCK_WAIT, e, null);
        }
        return new Failure(SqlErrors.isConnectionLost(e, c) || hasCause(e, SocketTimeoutException.class)
                ? Kind.LOST : Kind.STATEMENT, e, null);
    }

    /** Classifies a failed connect attempt. */
    static Failure ofConnect(SQLException e) {
        if (SqlErrors.isNoRoom(e)) {
            return new Failure(Kind.NO_ROOM, e, null);
        }
        int code = e.getErrorCode();
        if (code == SqlErrors.ACCESS_DENIED) {
            return new Failure(Kind.ACCESS_DENIED, e, null);
        }
        String fix = configurationFix(e);
        if (fix != null) {
            return new Failure(Kind.CONFIG, e, fix);
        }
        if (code == READ_ONLY_SERVER || code == READ_ONLY_MODE) {
            return new Failure(Kind.NOT_WRITER, e, null);
        }
        if (SqlErrors.isConnectionClass(e) || hasCause(e, UnknownHostException.class)
                || hasCause(e, SocketException.class) || hasCause(e, SocketTimeoutException.class)
                || hasCause(e, EOFException.class)) {
            return new Failure(Kind.TRANSIENT, e, null);
        }
        return new Failure(Kind.STATEMENT, e, null);
    }

    /** The writer check at connect found a read-only server. */
    static Failure notWriter(SQLException e) {
        return new Failure(Kind.NOT_WRITER, e, null);
    }

    /**
     * Whether work that failed with a lost connection may have been applied.
     *
     * @param traits the failed statement's {@link Sql#traits(String) traits}
     * @param inTransaction whether a transaction was open on the server when it was sent
     * @param committedInTransaction whether a statement of that transaction already committed implicitly
     */
    static boolean outcomeUnknown(int traits, boolean inTransaction, boolean committedInTransaction) {
        if (!inTransaction) {
            return (traits & Sql.READ_ONLY) == 0;
        }
        // the server rolls an open transaction back when its connection drops, unless something committed it
        return committedInTransaction || (traits & Sql.MAY_COMMIT) != 0;
    }

    /**
     * The fix for a connect error that no retry can cure, or null when the error may pass: authentication the driver
     * cannot do, an unknown database, a TLS setup that cannot work.
     */
    private static String configurationFix(SQLException e) {
        String text = messages(e);
        int code = e.getErrorCode();
        if (text.contains("public key retrieval is not allowed")) {
            return "the account uses caching_sha2_password and the connection is not encrypted: connect over TLS"
                    + " (sslMode=REQUIRED or VERIFY_IDENTITY), or add allowPublicKeyRetrieval=true to the URL on a"
                    + " network you trust";
        }
        if (code == AUTH_PLUGIN || text.contains("authentication plugin") && text.contains("not supported")
                || text.contains("client does not support authentication protocol")) {
            return "the driver cannot do the account's authentication plugin: upgrade the JDBC driver, or give the"
                    + " account an authentication plugin the driver supports";
        }
        if (code == UNKNOWN_DATABASE) {
            return "the database in the URL does not exist on this server: check its name in the JDBC URL, or create it";
        }
        if (code == DATABASE_ACCESS_DENIED) {
            return "the user has no rights on the database in the URL: GRANT them, or fix the database name";
        }
        if (text.contains("ssl connection required but not supported") || text.contains("server does not support ssl")
                || text.contains("ssl is required but the server does not support")) {
            return "TLS is required but the server does not offer it: enable TLS on the server, or change sslMode";
        }
        if (hasCause(e, GeneralSecurityException.class) || text.contains("pkix") || text.contains("certificate")
                || text.contains("no subject alternative") || text.contains("no appropriate protocol")
                || text.contains("protocol_version") || hasHandshakeFailure(e)) {
            return "the TLS handshake cannot succeed with these settings: check the trust store (the server's CA,"
                    + " for RDS the current AWS RDS CA bundle), the host name the certificate names, and the TLS"
                    + " versions (enabledTLSProtocols / enabledSslProtocolSuites)";
        }
        return null;
    }

    /** An SSLHandshakeException not caused by a dropped socket is a settings mismatch, not a passing failure. */
    private static boolean hasHandshakeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return !hasCause(t, SocketException.class) && !hasCause(t, EOFException.class)
                        && !messages(t).contains("remote host terminated") && !messages(t).contains("reset");
            }
        }
        return false;
    }

    static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Every message in the cause chain, lower case. */
    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                text.append(t.getMessage().toLowerCase(Locale.ROOT)).append('\n');
            }
            if (t instanceof SSLException && t.getCause() == null) {
                break;
            }
        }
        return text.toString();
    }
}
