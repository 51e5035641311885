package dev.serverlessmysql;

import java.sql.Driver;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;

/** A client's validated, immutable settings; {@link ServerlessMysqlBuilder#build()} makes them. */
record Settings(
        String jdbcUrl,
        Driver driver,
        Supplier<Credentials> credentials,
        Properties properties,
        String name,
        double connUtilization,
        Duration maxConnsFreq,
        Duration usedConnsFreq,
        Duration zombieMinTimeout,
        Duration zombieMaxTimeout,
        int maxRetries,
        Backoff backoff,
        int maxQueryRetries,
        boolean manageConnections,
        ServerlessMysqlListener listener,
        Duration retryDeadline,
        Duration remainingTimeMargin,
        int maxKillsPerEnd,
        boolean validateAfterEnd,
        Duration validateAfterIdle,
        Duration aliveBypassWindow,
        boolean checkpointHook,
        boolean rdsProxy,
        Duration networkTimeout,
        Duration connectTimeout,
        boolean requireWriter) {

    /** Never shows credentials or password-like URL parameters. */
    @Override
    public String toString() {
        return "Settings[" + Redact.url(jdbcUrl) + ", connUtilization=" + connUtilization + ", maxConnsFreq="
                + maxConnsFreq + ", usedConnsFreq=" + usedConnsFreq + ", zombieMinTimeout=" + zombieMinTimeout
                + ", zombieMaxTimeout=" + zombieMaxTimeout + ", maxRetries=" + maxRetries + ", backoff=" + backoff
                + ", maxQueryRetries=" + maxQueryRetries + ", manageConnections=" + manageConnections
                + ", retryDeadline=" + retryDeadline + ", maxKillsPerEnd=" + maxKillsPerEnd + ", rdsProxy=" + rdsProxy
                + ", networkTimeout=" + networkTimeout + ", connectTimeout=" + connectTimeout + ", requireWriter="
                + requireWriter + "]";
    }
}
