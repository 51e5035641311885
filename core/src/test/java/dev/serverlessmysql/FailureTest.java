package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.Failure.Kind;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The one classifier: what each driver error means, for connects and for statements. */
class FailureTest {

    private static SQLException error(String message, String state, int code, Throwable cause) {
        return new SQLException(message, state, code, cause);
    }

    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }

    @Test
    void statementFailuresAreClassifiedByCodeAndState() {
        assertEquals(Kind.NOT_WRITER, Failure.ofStatement(error("--read-only", "HY000", 1290, null), null).kind());
        assertEquals(Kind.NOT_WRITER, Failure.ofStatement(error("read_only", "HY000", 1836, null), null).kind());
        assertEquals(Kind.DEADLOCK, Failure.ofStatement(error("deadlock", "40001", 1213, null), null).kind());
        assertEquals(Kind.LOCK_WAIT, Failure.ofStatement(error("wait", "HY000", 1205, null), null).kind());
        assertEquals(Kind.LOST, Failure.ofStatement(error("link failure", "08S01", 0, null), null).kind());
        assertEquals(Kind.LOST, Failure.ofStatement(error("killed", "70100", 1927, null), null).kind());
        Failure timeout = Failure.ofStatement(error("read timed out", "08S01", 0,
                new SocketTimeoutException("Read timed out")), null);
        assertEquals(Kind.LOST, timeout.kind());
        assertTrue(timeout.timedOut());
        assertEquals(Kind.STATEMENT, Failure.ofStatement(error("dup", "23000", 1062, null), null).kind());
    }

    @Test
    void configurationErrorsAtConnectFailAtOnceWithTheFix() {
        Failure publicKey = Failure.ofConnect(error("Public Key Retrieval is not allowed", "08001", 0, null));
        assertEquals(Kind.CONFIG, publicKey.kind());
        assertTrue(publicKey.fix().contains("allowPublicKeyRetrieval=true"), publicKey.fix());
        assertEquals(Kind.CONFIG, Failure.ofConnect(error("Client does not support authentication protocol", "08004",
                1251, null)).kind());
        assertEquals(Kind.CONFIG, Failure.ofConnect(error("Unknown database 'x'", "42000", 1049, null)).kind());
        Failure tls = Failure.ofConnect(error("Communications link failure", "08S01", 0,
                handshake("PKIX path building failed", new CertificateException("untrusted"))));
        assertEquals(Kind.CONFIG, tls.kind());
        assertNotNull(tls.fix());
    }

    @Test
    void passingNetworkFailuresAtConnectAreRetried() {
        assertEquals(Kind.TRANSIENT, Failure.ofConnect(error("refused", "08S01", 0,
                new java.net.ConnectException("Connection refused"))).kind());
        assertEquals(Kind.TRANSIENT, Failure.ofConnect(error("DNS", "08S01", 0,
                new UnknownHostException("Temporary failure in name resolution"))).kind());
        assertEquals(Kind.TRANSIENT, Failure.ofConnect(error("TLS reset", "08S01", 0,
                handshake("Remote host terminated the handshake", new EOFException()))).kind());
        assertEquals(Kind.TRANSIENT, Failure.ofConnect(error("TLS reset", "08000", -1,
                new SSLException("Connection reset", new SocketException("Connection reset")))).kind());
        assertEquals(Kind.TRANSIENT, Failure.ofConnect(error("handshake timed out", "08000", 0,
                new SocketTimeoutException("Read timed out"))).kind());
        assertEquals(Kind.NO_ROOM, Failure.ofConnect(error("Too many connections", "08004", 1040, null)).kind());
        assertEquals(Kind.ACCESS_DENIED, Failure.ofConnect(error("denied", "28000", 1045, null)).kind());
    }

    @Test
    void aLostStatementsOutcomeIsKnownOnlyWhenTheServerSurelyRolledItBack() {
        int insert = Sql.traits("INSERT INTO t VALUES (1)");
        int select = Sql.traits("SELECT 1");
        int truncate = Sql.traits("TRUNCATE TABLE t");
        assertTrue(Failure.outcomeUnknown(insert, false, false), "an autocommit write may have committed");
        assertFalse(Failure.outcomeUnknown(select, false, false), "a read wrote nothing");
        assertFalse(Failure.outcomeUnknown(insert, true, false), "an open transaction is rolled back");
        assertTrue(Failure.outcomeUnknown(insert, true, true), "unless a statement of it committed implicitly");
        assertTrue(Failure.outcomeUnknown(truncate, true, false), "or the lost statement itself commits");
        assertTrue(Failure.outcomeUnknown(Sql.traits("CALL p()"), true, false), "or might: unknown is unknown");
    }
}
