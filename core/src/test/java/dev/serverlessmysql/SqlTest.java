package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.Sql.TxEffect;
import org.junit.jupiter.api.Test;

class SqlTest {

    @Test
    void readOnlyStatementsAreThoseThatCannotWrite() {
        assertTrue(Sql.isReadOnly("SELECT 1"));
        assertTrue(Sql.isReadOnly("  select id, name from t where id = ?"));
        assertTrue(Sql.isReadOnly("/* comment */ SELECT 1"));
        assertTrue(Sql.isReadOnly("-- note\nSELECT 1"));
        assertTrue(Sql.isReadOnly("(SELECT 1) UNION (SELECT 2)"));
        assertTrue(Sql.isReadOnly("SHOW TABLES"));
        assertTrue(Sql.isReadOnly("DESCRIBE t"));
        assertTrue(Sql.isReadOnly("EXPLAIN SELECT 1"));
        assertTrue(Sql.isReadOnly("SELECT updated_at FROM t"), "column names that merely contain a keyword");

        assertFalse(Sql.isReadOnly("INSERT INTO t VALUES (1)"));
        assertFalse(Sql.isReadOnly("UPDATE t SET a = 1"));
        assertFalse(Sql.isReadOnly("DELETE FROM t"));
        assertFalse(Sql.isReadOnly("CALL p()"));
        assertFalse(Sql.isReadOnly("SELECT * FROM t FOR UPDATE"));
        assertFalse(Sql.isReadOnly("SELECT * FROM t LOCK IN SHARE MODE"));
        assertFalse(Sql.isReadOnly("SELECT a INTO @x FROM t"));
        assertFalse(Sql.isReadOnly("SELECT GET_LOCK('x', 1)"));
        assertFalse(Sql.isReadOnly("SELECT SLEEP(5)"));
        assertFalse(Sql.isReadOnly("EXPLAIN ANALYZE SELECT 1"));
        assertFalse(Sql.isReadOnly("WITH x AS (SELECT 1) DELETE FROM t"));
        assertFalse(Sql.isReadOnly("SELECTED"));
    }

    @Test
    void anExecutableCommentBeforeTheFirstWordMakesTheStatementUnknown() {
        // the server runs what is inside /*! */ (MySQL) and /*M! */ (MariaDB): these are writes that begin in one
        for (String sql : new String[] {"/*!50000 INSERT INTO t */ SELECT 1", "/*M!100100 INSERT INTO t */ SELECT 1",
            "/* note */ /*!50000 CREATE TABLE t2 AS */ SELECT 1", "/*!50000 */ SELECT 1"}) {
            int traits = Sql.traits(sql);
            assertFalse(Sql.isRerunnable(traits), sql);
            assertEquals(0, traits & Sql.READ_ONLY, sql);
            assertTrue((traits & Sql.MAY_COMMIT) != 0 && (traits & Sql.CHANGES_SESSION) != 0, sql);
        }
        assertTrue(Sql.isRerunnable(Sql.traits("SELECT /*!40001 SQL_NO_CACHE */ * FROM t")),
                "one after the first word is the read's own");
    }

    @Test
    void transactionStatementsAreRecognised() {
        assertEquals(TxEffect.BEGIN, Sql.txEffect("START TRANSACTION"));
        assertEquals(TxEffect.BEGIN, Sql.txEffect("  start transaction read only"));
        assertEquals(TxEffect.BEGIN, Sql.txEffect("BEGIN"));
        assertEquals(TxEffect.BEGIN, Sql.txEffect("begin work"));
        assertEquals(TxEffect.BEGIN, Sql.txEffect("XA START 'x'"));
        assertEquals(TxEffect.END, Sql.txEffect("COMMIT"));
        assertEquals(TxEffect.END, Sql.txEffect("rollback"));
        assertEquals(TxEffect.NONE, Sql.txEffect("ROLLBACK TO SAVEPOINT a"));
        assertEquals(TxEffect.AUTOCOMMIT_OFF, Sql.txEffect("SET autocommit = 0"));
        assertEquals(TxEffect.AUTOCOMMIT_OFF, Sql.txEffect("set  AUTOCOMMIT=OFF"));
        assertEquals(TxEffect.AUTOCOMMIT_OFF, Sql.txEffect("SET SESSION autocommit = 0"));
        assertEquals(TxEffect.AUTOCOMMIT_OFF, Sql.txEffect("SET @@autocommit=0"));
        assertEquals(TxEffect.AUTOCOMMIT_ON, Sql.txEffect("SET autocommit=1"));
        assertEquals(TxEffect.AUTOCOMMIT_ON, Sql.txEffect("SET autocommit = ON"));
        assertEquals(TxEffect.NONE, Sql.txEffect("SELECT 1"));
        assertEquals(TxEffect.NONE, Sql.txEffect("SET NAMES utf8mb4"));
        assertEquals(TxEffect.NONE, Sql.txEffect("COMMITTED"));
        assertEquals(TxEffect.NONE, Sql.txEffect("   "));
        assertEquals(TxEffect.NONE, Sql.txEffect("BEGINNING"));
    }

    @Test
    void placeholdersOutsideLiteralsAndCommentsAreCounted() {
        assertEquals(0, Sql.placeholders("SELECT 1"));
        assertEquals(2, Sql.placeholders("SELECT ? + ?"));
        assertEquals(1, Sql.placeholders("SELECT '?', \"?\", `?`, ? FROM t"));
        assertEquals(1, Sql.placeholders("SELECT 'it''s ?', 'a\\'?', ?"));
        assertEquals(1, Sql.placeholders("SELECT ? -- what?\n"));
        assertEquals(1, Sql.placeholders("SELECT ? # what?"));
        assertEquals(1, Sql.placeholders("SELECT /* ? */ ?"));
        assertEquals(2, Sql.placeholders("SELECT 1--?\n, ?"), "-- needs a space to start a comment");
        assertEquals(0, Sql.placeholders("SELECT 'unterminated ?"));
    }

    @Test
    void theKeptPlaceholderCountIsTheScannedOneAndSitsBesideTheTraits() {
        String[] texts = {"SELECT 1", "SELECT ? + ?", "SELECT '?', \"?\", `?`, ? FROM t", "SELECT /* ? */ ?",
            "UPDATE t SET v = ? WHERE id = ?", "SET @x = ?", "CALL p(?, ?, ?)"};
        for (String sql : texts) {
            int traits = Sql.traits(sql);
            assertEquals(Sql.placeholders(sql), Sql.placeholderCount(sql), sql);
            assertEquals(Sql.placeholders(sql), Sql.placeholderCount(new String(sql)), "a copy of " + sql);
            assertEquals(traits, Sql.traits(sql), "the count does not leak into the traits: " + sql);
        }
        StringBuilder many = new StringBuilder("SELECT ?");
        for (int i = 1; i < 70_000; i++) {
            many.append(", ?");
        }
        assertEquals(70_000, Sql.placeholderCount(many.toString()));
        assertEquals(Sql.READ_ONLY, Sql.traits(many.toString()));
    }

    @Test
    void theReadsThatRunThroughExecuteQueryAreThoseThatAlwaysGiveAResultSet() {
        for (String sql : new String[] {"SELECT 1", " (SELECT 1) UNION (SELECT 2)", "/* note */ SELECT 1",
            "-- note\nSHOW TABLES", "# note\nDESCRIBE t", "WITH x AS (SELECT 1) SELECT * FROM x", "EXPLAIN SELECT 1",
            "SELECT /*! STRAIGHT_JOIN */ a FROM t"}) {
            assertTrue(has(sql, Sql.READ_ONLY), sql);
        }
        for (String sql : new String[] {"SELECT a INTO @x FROM t", "SELECT * FROM t FOR UPDATE", "SELECT SLEEP(1)",
            "CALL p()", "INSERT INTO t VALUES (1)", "SET @x = 1", "DO 1", "WITH x AS (SELECT 1) DELETE FROM t",
            "{call p()}", "XA RECOVER"}) {
            assertFalse(has(sql, Sql.READ_ONLY), sql);
        }
    }

    private static boolean has(String sql, int trait) {
        return (Sql.traits(sql) & trait) != 0;
    }

    @Test
    void onlyReadsThatDependOnNothingInTheSessionMayBeReRun() {
        assertTrue(Sql.isRerunnable(Sql.traits("SELECT id FROM t WHERE id = ?")));
        assertTrue(Sql.isRerunnable(Sql.traits("WITH x AS (SELECT 1) SELECT * FROM x")));
        assertTrue(Sql.isRerunnable(Sql.traits("SELECT '@not_a_variable', \"@\", `a@b` FROM t")),
                "an @ inside literals and quoted names is no variable");
        assertTrue(Sql.isRerunnable(Sql.traits("SELECT @@global.max_connections")));
        assertTrue(Sql.isRerunnable(Sql.traits("SELECT email FROM users WHERE email LIKE '%@example.com'")));
        assertFalse(Sql.isRerunnable(Sql.traits("SELECT LAST_INSERT_ID()")));
        assertFalse(Sql.isRerunnable(Sql.traits("select found_rows()")));
        assertFalse(Sql.isRerunnable(Sql.traits("SELECT ROW_COUNT()")));
        assertFalse(Sql.isRerunnable(Sql.traits("SELECT CONNECTION_ID()")));
        assertFalse(Sql.isRerunnable(Sql.traits("SELECT @total")));
        assertFalse(Sql.isRerunnable(Sql.traits("SELECT @@time_zone")));
        assertFalse(Sql.isRerunnable(Sql.traits("SELECT @@session.sql_mode")));
        assertFalse(Sql.isRerunnable(Sql.traits("SELECT * FROM t FOR UPDATE")));
        assertFalse(Sql.isRerunnable(Sql.traits("INSERT INTO t VALUES (1)")));
        assertFalse(Sql.isRerunnable(Sql.traits("CALL report()")));
        assertFalse(Sql.isRerunnable(Sql.traits("   ")));
    }

    @Test
    void statementsThatCommitImplicitlyAreKnownAndTheUnknownIsAssumedTo() {
        for (String sql : new String[] {"TRUNCATE TABLE t", "CREATE TABLE x (id INT)", "ALTER TABLE t ADD c INT",
            "DROP TABLE t", "RENAME TABLE a TO b", "LOCK TABLES t WRITE", "UNLOCK TABLES", "START TRANSACTION",
            "BEGIN", "COMMIT", "SET autocommit = 1", "GRANT SELECT ON t TO u", "ANALYZE TABLE t", "OPTIMIZE TABLE t",
            "CALL p()", "XA COMMIT 'x'", "FLUSH PRIVILEGES", "SET PASSWORD = 'x'", "frobnicate"}) {
            assertTrue(has(sql, Sql.MAY_COMMIT), sql);
        }
        for (String sql : new String[] {"SELECT 1", "INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "DELETE FROM t",
            "REPLACE INTO t VALUES (1)", "ROLLBACK", "SAVEPOINT a", "RELEASE SAVEPOINT a", "SET @x = 1",
            "CREATE TEMPORARY TABLE x (id INT)", "DROP TEMPORARY TABLE x", "SET TRANSACTION READ ONLY",
            "LOAD DATA LOCAL INFILE 'f' INTO TABLE t"}) {
            assertFalse(has(sql, Sql.MAY_COMMIT), sql);
        }
    }

    @Test
    void statementsThatChangeTheSessionAreKnown() {
        for (String sql : new String[] {"SET @x = 1", "SET time_zone = '+00:00'", "SET NAMES utf8mb4",
            "SET SESSION sql_mode = ''", "USE other", "CREATE TEMPORARY TABLE x (id INT)", "DROP TEMPORARY TABLE x",
            "LOCK TABLES t READ", "SELECT GET_LOCK('a', 1)", "SELECT @x := 1", "SELECT a INTO @x FROM t",
            "INSERT INTO t VALUES (@x)", "CALL p()", "PREPARE s FROM 'SELECT 1'", "HANDLER t OPEN"}) {
            assertTrue(has(sql, Sql.CHANGES_SESSION), sql);
        }
        for (String sql : new String[] {"SELECT 1", "INSERT INTO t VALUES (1)", "CREATE TABLE x (id INT)",
            "TRUNCATE TABLE t", "START TRANSACTION", "COMMIT", "SET TRANSACTION ISOLATION LEVEL READ COMMITTED"}) {
            assertFalse(has(sql, Sql.CHANGES_SESSION), sql);
        }
    }

    @Test
    void aTextSeenBeforeHasTheTraitsItHadAndTheKeptTextsStayBounded() {
        String[] texts = {"SELECT 1", "SELECT LAST_INSERT_ID()", "SET @x = 1", "CREATE TABLE t (id INT)",
            "SELECT a INTO @x FROM t", "INSERT INTO t VALUES (1)", "gibberish"};
        int[] first = new int[texts.length];
        for (int i = 0; i < texts.length; i++) {
            first[i] = Sql.traits(texts[i]);
        }
        assertTrue(Sql.traitsKept() > 0, "the texts' traits are kept");
        for (int i = 0; i < texts.length; i++) {
            // a copy, not the same String object: the text, not the instance, decides
            assertEquals(first[i], Sql.traits(new String(texts[i])), texts[i]);
        }
        // SQL with inlined values is a new text at every call
        for (int i = 0; i < Sql.TRAITS_KEPT + 100; i++) {
            assertEquals(Sql.traits("SELECT 1"), Sql.traits("SELECT " + i));
        }
        assertTrue(Sql.traitsKept() <= Sql.TRAITS_KEPT, "kept " + Sql.traitsKept());
    }
}
