package dev.serverlessmysql.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StackClassifierTest {

    private final StackClassifier classifier = new StackClassifier(AgentOptions.parse(
            "clients=com.example.Db;com.zaxxer.hikari.HikariDataSource,pools=com.example.pool,libraries=org.dbunit"));

    @Test
    void clientsComeBeforePoolsAndLibraries() {
        assertEquals(StackClassifier.Category.CLIENT, classifier.category("com.example.Db"));
        assertEquals(StackClassifier.Category.CLIENT, classifier.category("com.example.Db$Session"));
        assertEquals(StackClassifier.Category.CLIENT, classifier.category("com.zaxxer.hikari.HikariDataSource"));
        assertEquals(StackClassifier.Category.POOL, classifier.category("com.zaxxer.hikari.pool.HikariPool"));
        assertEquals(StackClassifier.Category.POOL, classifier.category("com.example.pool.Pool"));
        assertEquals(StackClassifier.Category.LIBRARY, classifier.category("org.dbunit.JdbcDatabaseTester"));
        assertEquals(StackClassifier.Category.LIBRARY, classifier.category("org.mariadb.jdbc.Driver"));
        assertEquals(StackClassifier.Category.POOL, classifier.category("org.mariadb.jdbc.MariaDbPoolDataSource"));
        assertEquals(StackClassifier.Category.LIBRARY, classifier.category("org.mariadb.jdbc.MariaDbDataSource"));
        assertEquals(StackClassifier.Category.USER, classifier.category("com.example.DbTest"));
    }

    @Test
    void aPoolClassNamesItsFamily() {
        assertEquals("com.zaxxer.hikari.", classifier.poolFamily("com.zaxxer.hikari.pool.HikariPool"));
        assertEquals("org.mariadb.jdbc.pool.", classifier.poolFamily("org.mariadb.jdbc.pool.Pool"));
        assertNull(classifier.poolFamily("com.example.DbTest"));
    }
}
