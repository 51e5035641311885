package dev.serverlessmysql.dataapi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void readsAreRecognisedAndAnythingThatMayWriteIsNot() {
        assertTrue(SqlText.isReadOnly("SELECT * FROM t"));
        assertTrue(SqlText.isReadOnly("  /* hint */ select 1"));
        assertTrue(SqlText.isReadOnly("-- why\nSHOW TABLES"));
        assertTrue(SqlText.isReadOnly("WITH x AS (SELECT 1) SELECT * FROM x"));
        assertFalse(SqlText.isReadOnly("INSERT INTO t VALUES (1)"));
        assertFalse(SqlText.isReadOnly("SELECT * FROM t FOR UPDATE"));
        assertFalse(SqlText.isReadOnly("SELECT 1 INTO @x"));
        assertFalse(SqlText.isReadOnly("SELECT GET_LOCK('a', 1)"));
        assertFalse(SqlText.isReadOnly("CALL p()"));
    }
}
