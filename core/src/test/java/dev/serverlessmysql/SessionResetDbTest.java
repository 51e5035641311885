package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Session state (user variables, session variables, temporary tables, the current database) never leaks from one
 * invocation into the next through the kept connection: {@code end()} resets it with the driver's
 * COM_RESET_CONNECTION call when the invocation changed it, and only then (issue 11).
 */
@MySqlTest
@Timeout(60)
class SessionResetDbTest {

    private final MySqlDatabase db;
    private ServerlessMysql client;

    SessionResetDbTest(MySqlDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() {
        client = TestDb.client(db).build();
    }

    @AfterEach
    void tearDown() {
        client.quit();
    }

    private Object one(String sql) {
        return client.query(sql).get(0).values().iterator().next();
    }

    @Test
    void endResetsWhatTheInvocationChangedOnTheSameConnection() {
        String zone = String.valueOf(one("SELECT @@global.time_zone AS z"));
        long id = TestDb.connectionId(client);
        client.update("SET @secret = 42");
        client.update("SET time_zone = '+05:00'");
        client.update("CREATE TEMPORARY TABLE scratch (id INT)");
        client.update("USE information_schema");
        client.end();

        assertNull(one("SELECT @secret AS v"), "user variables are gone");
        assertEquals(zone, String.valueOf(one("SELECT @@session.time_zone AS z")), "session variables are the global ones");
        assertEquals(db.name(), one("SELECT DATABASE() AS d"), "the current database is the URL's again");
        ServerlessMysqlException gone = assertThrows(ServerlessMysqlException.class,
                () -> client.query("SELECT * FROM `" + db.name() + "`.scratch"));
        assertEquals(1146, gone.getErrorCode(), "temporary tables are dropped");
        assertEquals(id, TestDb.connectionId(client), "reset, not reconnected");
        assertEquals(1, client.stats().sessionResets());
        assertEquals(1, client.stats().connects());
    }

    @Test
    void aDataSourceConnectionsChangesAreResetToo() throws SQLException {
        try (Connection c = client.dataSource().getConnection()) {
            TestDb.exec(c, "SET @secret = 42");
        }
        client.end();
        assertNull(one("SELECT @secret AS v"));
        assertEquals(1, client.stats().sessionResets());
    }

    @Test
    void anInvocationThatChangedNothingCostsNoReset() {
        client.update("CREATE TABLE IF NOT EXISTS plain (id INT)");
        client.end();
        client.query("SELECT 1");
        client.update("INSERT INTO plain VALUES (1)");
        client.transaction(tx -> tx.update("INSERT INTO plain VALUES (2)"));
        client.end();
        assertEquals(0, client.stats().sessionResets(), "DDL, reads, writes and transactions change no session state");
        client.update("SET @secret = 1");
        client.end();
        assertEquals(1, client.stats().sessionResets());
    }

    @Test
    void whenTheDriverCannotResetEndClosesAChangedConnection() {
        String property = TestDb.driver().equals("mysql") ? "paranoid" : "useResetConnection";
        String value = TestDb.driver().equals("mysql") ? "true" : "false";
        try (ServerlessMysql noReset = TestDb.client(db).property(property, value).build()) {
            long id = TestDb.connectionId(noReset);
            noReset.update("SET @secret = 42");
            noReset.end();
            assertNull(noReset.query("SELECT @secret AS v").get(0).get("v"));
            assertNotEquals(id, TestDb.connectionId(noReset), "a fresh session instead of a reset");
            assertEquals(0, noReset.stats().sessionResets());
        }
    }
}
