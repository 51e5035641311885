package dev.serverlessmysql.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serverlessmysql.leak.StackClassifier.Owner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackClassifierTest {

    private final StackClassifier classifier = new StackClassifier(
            AgentOptions.parse("clients=dev.serverlessmysql.ServerlessMysql;com.acme.Db"),
            cls -> cls.startsWith("com.zaxxer.hikari.") || cls.startsWith("test."));

    private static List<Frame> stack(String... frames) {
        List<Frame> list = new ArrayList<>();
        int line = 10;
        for (String f : frames) {
            int dot = f.lastIndexOf('.');
            String cls = f.substring(0, dot);
            list.add(new Frame(cls, f.substring(dot + 1), cls.substring(cls.lastIndexOf('.') + 1) + ".java", line++));
        }
        return list;
    }

    @Test
    void rawJdbcFromUserCodeIsUserOwnedAndNamesTheOpeningLine() {
        StackClassifier.Result<Frame> r = classifier.classify(stack(
                "org.mariadb.jdbc.Driver.connect", "java.sql.DriverManager.getConnection",
                "com.acme.OrderRepository.save", "com.acme.OrderRepositoryTest.saves",
                "org.junit.platform.commons.util.ReflectionUtils.invokeMethod"));
        assertEquals(Owner.USER, r.owner());
        assertEquals("com.acme.OrderRepository.save(OrderRepository.java:12)", r.opener().toString());
        assertEquals(1, r.userFrames().size());
    }

    @Test
    void innerCallOfAnOuterConnectionMethodIsNested() {
        StackClassifier.Result<Frame> r = classifier.classify(stack(
                "org.mariadb.jdbc.Driver.connect", "com.zaxxer.hikari.util.DriverDataSource.getConnection",
                "com.zaxxer.hikari.pool.HikariPool.newConnection", "com.zaxxer.hikari.HikariDataSource.getConnection",
                "com.acme.Repo.load"));
        assertEquals(Owner.NESTED, r.owner());
    }

    @Test
    void connectionsAPoolOpensForItselfBelongToThePool() {
        StackClassifier.Result<Frame> r = classifier.classify(stack(
                "com.zaxxer.hikari.util.DriverDataSource.getConnectionX", "com.zaxxer.hikari.pool.HikariPool.fill",
                "com.zaxxer.hikari.HikariDataSource.<init>", "com.acme.Config.dataSource"));
        assertEquals(Owner.POOL, r.owner());
    }

    @Test
    void aBorrowedPoolConnectionIsTheUsersToReturn() {
        StackClassifier.Result<Frame> r = classifier.classify(stack(
                "com.zaxxer.hikari.HikariDataSource.getConnection", "com.acme.Repo.load", "com.acme.RepoTest.loads"));
        assertEquals(Owner.USER, r.owner());
        assertEquals("com.acme.Repo", r.opener().className());
    }

    @Test
    void aClientFrameMakesTheClientTheOwnerEvenThroughItsHelpers() {
        StackClassifier.Result<Frame> r = classifier.classify(stack(
                "com.mysql.cj.jdbc.NonRegisteringDriver.connect", "java.sql.DriverManager.getConnection",
                "dev.serverlessmysql.internal.Connector.open", "dev.serverlessmysql.ServerlessMysql.query",
                "com.acme.Handler.handleRequest", "com.acme.HandlerTest.handles"));
        assertEquals(Owner.CLIENT, r.owner());
        assertEquals("com.acme.Handler", r.opener().className());
    }

    @Test
    void aPoolInsideAClientStillOwnsItsOwnConnections() {
        StackClassifier.Result<Frame> r = classifier.classify(stack(
                "org.mariadb.jdbc.Driver.connect", "com.zaxxer.hikari.pool.HikariPool.fill",
                "com.acme.Db.<init>", "com.acme.App.main"));
        assertEquals(Owner.POOL, r.owner());
    }

    @Test
    void noUserFrameMeansInfrastructure() {
        StackClassifier.Result<Frame> r = classifier.classify(stack(
                "org.mariadb.jdbc.Driver.connect", "dev.serverlessmysql.test.DriverManagerDataSource.getConnection2",
                "dev.serverlessmysql.test.MySqlExtension.beforeEach", "org.junit.jupiter.engine.Execution.run"));
        assertEquals(Owner.INFRASTRUCTURE, r.owner());
    }

    @Test
    void clientPatternsMatchNestedClassesAndPackages() {
        ClassPatterns p = ClassPatterns.of("com.acme.Db", "org.x.*", "net.y.**");
        assertEquals(true, p.matches("com.acme.Db"));
        assertEquals(true, p.matches("com.acme.Db$Tx"));
        assertEquals(false, p.matches("com.acme.DbTest"));
        assertEquals(true, p.matches("org.x.A"));
        assertEquals(false, p.matches("org.x.sub.A"));
        assertEquals(true, p.matches("net.y.sub.A"));
    }
}
