package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Recognising an RDS Proxy endpoint, and refusing driver settings that would pin every session behind it. */
class RdsProxyTest {

    private static final String PROXY = "jdbc:mysql://orders.proxy-c8abcdefgh12.eu-west-1.rds.amazonaws.com:3306/app";

    @Test
    void proxyEndpointsAreRecognised() {
        assertTrue(RdsProxy.detect(PROXY));
        assertTrue(RdsProxy.detect("jdbc:mariadb://ro.endpoint.proxy-c8abcdefgh12.us-east-1.rds.amazonaws.com/app"));
        assertTrue(RdsProxy.detect("jdbc:mysql://u:p@Orders.Proxy-C8ABC.cn-north-1.rds.amazonaws.com.cn/app?x=1"));
    }

    @Test
    void databaseEndpointsAndOtherHostsAreNot() {
        assertFalse(RdsProxy.detect("jdbc:mysql://db.cluster-c8abcdefgh12.eu-west-1.rds.amazonaws.com:3306/app"));
        assertFalse(RdsProxy.detect("jdbc:mysql://mydb.c8abcdefgh12.eu-west-1.rds.amazonaws.com/app"));
        assertFalse(RdsProxy.detect("jdbc:mysql://127.0.0.1:3306/app"));
        assertFalse(RdsProxy.detect("jdbc:mysql://proxy.example.com/app?host=x.proxy-a.b.rds.amazonaws.com"));
        assertFalse(RdsProxy.detect("jdbc:mysql:///app"));
        assertFalse(RdsProxy.detect(PROXY.replace("//", "//db.example.com,")), "every host must be a proxy");
    }

    @Test
    void hostsAreReadWithoutUserInfoPortsOrBrackets() {
        assertEquals(List.of("a.example", "::1", "b"), RdsProxy.hosts("jdbc:mysql://u:p@A.example:3306,[::1]:3307,b/db"));
    }

    @Test
    void serverSidePreparesAreRefusedInProxyMode() {
        assertNull(RdsProxy.pinningProblem(PROXY, new Properties()));
        assertTrue(RdsProxy.pinningProblem(PROXY + "?useServerPrepStmts=true", new Properties()).contains("pins"));
        Properties p = new Properties();
        p.setProperty("useServerPrepStmts", "true");
        assertTrue(RdsProxy.pinningProblem(PROXY, p).contains("rdsProxy(false)"));
        assertNull(RdsProxy.pinningProblem(PROXY + "?useServerPrepStmts=false", new Properties()));
    }

    @Test
    void theBuilderDetectsAProxyEndpointAndNamesTheSettingThatWouldPin() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerlessMysql.builder()
                .jdbcUrl(PROXY + "?useServerPrepStmts=true").user("app").build());
        assertTrue(e.getMessage().contains("RDS Proxy pins"), e.getMessage());
        ServerlessMysql.builder().jdbcUrl(PROXY + "?useServerPrepStmts=true").user("app").rdsProxy(false).build().quit();
        assertThrows(IllegalArgumentException.class, () -> ServerlessMysql.builder().jdbcUrl("jdbc:mysql://127.0.0.1/app")
                .property("useServerPrepStmts", "true").user("app").rdsProxy(true).build());
    }
}
