package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transaction's isolation level is sent only when it differs from the session's, and the level the client
 * remembers for the session never outlives what it describes: a level chosen for one transaction does not leak into
 * the next, and a session whose level was changed by a statement is not trusted. Each transaction's real level is
 * seen by its behaviour: REPEATABLE READ keeps the snapshot of its first read, READ COMMITTED sees another session's
 * commit.
 */
@MySqlTest
class IsolationLevelDbTest {

    private final MySqlDatabase db;
    private final List<Connection> held = new ArrayList<>();
    private ServerlessMysql client;
    private Connection other;
    private int next = 100;

    IsolationLevelDbTest(MySqlDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws SQLException {
        String t = "`" + db.name() + "`.";
        TestDb.admin(db, "CREATE TABLE IF NOT EXISTS " + t + "iso (id INT PRIMARY KEY, v INT NOT NULL)");
        TestDb.admin(db, "DELETE FROM " + t + "iso");
        TestDb.admin(db, "INSERT INTO " + t + "iso (id, v) VALUES (1, 0)");
        client = TestDb.client(db).build();
        other = TestDb.raw(db);
        held.add(other);
    }

    @AfterEach
    void tearDown() {
        client.quit();
        TestDb.closeAll(held);
    }

    /**
     * Runs a transaction that reads the row, lets another session commit a change to it and reads it again; returns
     * what the transaction saw: "REPEATABLE READ" when its snapshot held, "READ COMMITTED" when it saw the commit.
     * The server's {@code @@session} level, read inside the same transaction, goes into {@code session[0]}.
     */
    private String behaviour(TransactionOptions options, String[] session) {
        int value = ++next;
        String variable = isolationVariable();
        return client.transaction(options, tx -> {
            int before = ((Number) tx.query("SELECT v FROM iso WHERE id = 1").get(0).get("v")).intValue();
            TestDb.exec(other, "UPDATE iso SET v = " + value + " WHERE id = 1");
            int after = ((Number) tx.query("SELECT v FROM iso WHERE id = 1").get(0).get("v")).intValue();
            session[0] = String.valueOf(tx.query("SELECT @@session." + variable + " AS i").get(0).get("i"));
            if (after == before) {
                return "REPEATABLE READ";
            }
            assertEquals(value, after, "the other session's commit");
            return "READ COMMITTED";
        });
    }

    private String variable;

    /** MySQL 8 and MariaDB 11.1+ call it transaction_isolation, MariaDB 10.x only tx_isolation. */
    private String isolationVariable() {
        if (variable == null) {
            try {
                client.query("SELECT @@session.transaction_isolation");
                variable = "transaction_isolation";
            } catch (ServerlessMysqlException e) {
                assertEquals(1193, e.getErrorCode(), e.toString());
                variable = "tx_isolation";
            }
        }
        return variable;
    }

    @Test
    void aLevelChosenForOneTransactionDoesNotLeakIntoTheNext() {
        String[] session = new String[1];
        TransactionOptions committed = TransactionOptions.defaults().isolation(IsolationLevel.READ_COMMITTED);
        TransactionOptions repeatable = TransactionOptions.defaults().isolation(IsolationLevel.REPEATABLE_READ);
        assertEquals("REPEATABLE READ", behaviour(repeatable, session), "the session's own level, asked for");
        assertEquals("REPEATABLE-READ", session[0]);
        assertEquals("READ COMMITTED", behaviour(committed, session), "a different level, for this transaction");
        assertEquals("REPEATABLE-READ", session[0], "the session's level is untouched by SET TRANSACTION");
        assertEquals("REPEATABLE READ", behaviour(TransactionOptions.defaults(), session),
                "the next transaction asking for no level gets the session's back");
        assertEquals("REPEATABLE-READ", session[0]);
        assertEquals("READ COMMITTED", behaviour(committed, session));
        assertEquals("REPEATABLE READ", behaviour(repeatable, session),
                "the session's own level, asked for after a different one: its level again");
        assertEquals("REPEATABLE-READ", session[0]);
        client.end();
        assertEquals("REPEATABLE READ", behaviour(repeatable, session), "after end()");
        assertEquals(1, client.stats().connects(), "all on one physical connection");
    }

    @Test
    void aSessionLevelChangedByAStatementIsNotTrustedAndIsResetByEnd() {
        String[] session = new String[1];
        TransactionOptions committed = TransactionOptions.defaults().isolation(IsolationLevel.READ_COMMITTED);
        TransactionOptions repeatable = TransactionOptions.defaults().isolation(IsolationLevel.REPEATABLE_READ);
        assertEquals("REPEATABLE READ", behaviour(repeatable, session), "the client now knows the session's level");
        client.update("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
        assertEquals("READ COMMITTED", behaviour(TransactionOptions.defaults(), session), "the session's new level");
        assertEquals("READ-COMMITTED", session[0]);
        assertEquals("REPEATABLE READ", behaviour(repeatable, session),
                "the level asked for, although the client had seen it as the session's before the SET");
        assertEquals("READ COMMITTED", behaviour(committed, session));
        client.end();
        assertEquals("REPEATABLE READ", behaviour(TransactionOptions.defaults(), session),
                "end() reset the session to the server's default");
        assertEquals("REPEATABLE-READ", session[0]);
        assertEquals("READ COMMITTED", behaviour(committed, session), "after the reset, a different level is sent");
        assertEquals("REPEATABLE READ", behaviour(repeatable, session));
        assertEquals(1, client.stats().connects(), "all on one physical connection");
    }

    @Test
    void aLevelSetThroughADataSourceConnectionIsNotTrustedWhileItIsHeld() throws SQLException {
        String[] session = new String[1];
        TransactionOptions committed = TransactionOptions.defaults().isolation(IsolationLevel.READ_COMMITTED);
        TransactionOptions repeatable = TransactionOptions.defaults().isolation(IsolationLevel.REPEATABLE_READ);
        assertEquals("REPEATABLE READ", behaviour(repeatable, session));
        try (Connection c = client.dataSource().getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertEquals("READ COMMITTED", behaviour(TransactionOptions.defaults(), session));
            assertEquals("REPEATABLE READ", behaviour(repeatable, session), "the level asked for, not the session's");
        }
        assertEquals("REPEATABLE READ", behaviour(TransactionOptions.defaults(), session), "put back on release");
        assertEquals("READ COMMITTED", behaviour(committed, session));
        assertEquals("REPEATABLE READ", behaviour(repeatable, session));
    }

    /**
     * A server that does not answer the read of the session's level (a proxy in front of MySQL, a version the client
     * named the variable wrongly for) must not fail the transaction: the level asked for is then always sent, as it
     * was before the client learned to skip it, and the read is not tried again on that connection.
     */
    @Test
    void aSessionLevelTheServerWillNotTellIsAlwaysSentAndNotAskedAgain() throws SQLException {
        InterceptingDriver driver = new InterceptingDriver(TestDb.url(db));
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        driver.hook(sql -> {
            if (sql.equals("SELECT @@session.transaction_isolation") || sql.equals("SELECT @@session.tx_isolation")) {
                reads.incrementAndGet();
                throw new java.sql.SQLSyntaxErrorException("Unknown system variable", "HY000", 1193);
            }
        });
        isolationVariable();
        client.quit();
        client = TestDb.client(db).driver(driver).build();
        String[] session = new String[1];
        TransactionOptions committed = TransactionOptions.defaults().isolation(IsolationLevel.READ_COMMITTED);
        TransactionOptions repeatable = TransactionOptions.defaults().isolation(IsolationLevel.REPEATABLE_READ);
        assertEquals("REPEATABLE READ", behaviour(repeatable, session));
        assertEquals("READ COMMITTED", behaviour(committed, session));
        assertEquals("REPEATABLE READ", behaviour(repeatable, session));
        assertEquals(1, reads.get(), "asked once on this connection");
        assertEquals(1, client.stats().connects(), "the connection was kept");
    }
}
