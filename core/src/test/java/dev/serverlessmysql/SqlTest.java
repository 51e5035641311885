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
}
