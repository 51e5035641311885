package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which housekeeping statements each server gets, from the version string of its handshake. */
class ServerDialectTest {

    @Test
    void mysql8022AndLaterReadThePerformanceSchemaProcessList() {
        for (String v : new String[] {"8.0.22", "8.0.36", "8.4.3", "8.4.3-commercial", "9.1.0", "8.1.0"}) {
            assertEquals(ServerDialect.MYSQL_PERFORMANCE_SCHEMA, ServerDialect.of(v), v);
        }
    }

    @Test
    void auroraMysql3ReadsThePerformanceSchemaProcessList() {
        assertEquals(ServerDialect.MYSQL_PERFORMANCE_SCHEMA, ServerDialect.of("8.0.28"));
        assertEquals(ServerDialect.MYSQL_PERFORMANCE_SCHEMA, ServerDialect.of("8.0.mysql_aurora.3.05.2"));
    }

    @Test
    void olderMysqlAndUnknownVersionsReadTheInformationSchema() {
        for (String v : new String[] {"8.0.21", "8.0.0", "5.7.44-log", "x", ""}) {
            assertEquals(ServerDialect.MYSQL_INFORMATION_SCHEMA, ServerDialect.of(v), v);
        }
        assertEquals(ServerDialect.MYSQL_INFORMATION_SCHEMA, ServerDialect.of(null));
    }

    @Test
    void mariadbOfAnyVersionReadsTheInformationSchema() {
        for (String v : new String[] {"11.4.5-MariaDB", "10.11.18-MariaDB-0+deb12u1", "5.5.5-10.6.16-MariaDB-log"}) {
            assertEquals(ServerDialect.MARIADB, ServerDialect.of(v), v);
        }
    }

    @Test
    void onlyThePerformanceSchemaFallsBackAndEveryStatementBindsTheUserName() {
        assertEquals(ServerDialect.MYSQL_INFORMATION_SCHEMA, ServerDialect.MYSQL_PERFORMANCE_SCHEMA.fallback());
        assertNull(ServerDialect.MYSQL_INFORMATION_SCHEMA.fallback());
        assertNull(ServerDialect.MARIADB.fallback());
        for (ServerDialect d : ServerDialect.values()) {
            for (String sql : new String[] {d.statusSql, d.candidatesSql}) {
                assertTrue(sql.contains("USER = ?"), sql);
                assertFalse(sql.contains("CURRENT_USER"), "user names may contain @: " + sql);
            }
        }
        assertTrue(ServerDialect.MYSQL_PERFORMANCE_SCHEMA.candidatesSql.contains("performance_schema.processlist"));
        assertTrue(ServerDialect.MARIADB.statusSql.contains("information_schema.GLOBAL_STATUS"));
    }

    @Test
    void theSessionsIsolationLevelIsReadUnderTheNameEachServerKnows() {
        for (String v : new String[] {"8.0.36", "8.4.3", "8.0.mysql_aurora.3.05.2", "11.4.5-MariaDB", "11.1.2-MariaDB"}) {
            assertEquals("SELECT @@session.transaction_isolation", ServerDialect.isolationSql(v), v);
        }
        for (String v : new String[] {"10.11.18-MariaDB-0+deb12u1", "5.5.5-10.6.16-MariaDB-log", "11.0.3-MariaDB",
            "5.7.44-log"}) {
            assertEquals("SELECT @@session.tx_isolation", ServerDialect.isolationSql(v), v);
        }
    }
}
