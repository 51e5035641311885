package dev.serverlessmysql;

import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What the client knows about RDS Proxy. The one reliable sign is the endpoint's DNS name: every proxy endpoint,
 * default or custom, read-write or read-only, is {@code <name>.proxy-<id>.<region>.rds.amazonaws.com} (with
 * {@code .cn} in the China regions). Behind a CNAME of your own nothing on the wire tells the proxy apart from the
 * database (it answers the handshake with the database's version), so proxy mode must then be switched on with
 * {@link ServerlessMysqlBuilder#rdsProxy(boolean)}.
 */
final class RdsProxy {

    private static final Pattern ENDPOINT = Pattern.compile(
            "(?:[a-z0-9-]+\\.)+proxy-[a-z0-9]+\\.[a-z0-9-]+\\.rds\\.amazonaws\\.com(?:\\.cn)?");

    private RdsProxy() {
    }

    /** Whether every host of the JDBC URL is an RDS Proxy endpoint. */
    static boolean detect(String jdbcUrl) {
        List<String> hosts = hosts(jdbcUrl);
        if (hosts.isEmpty()) {
            return false;
        }
        for (String h : hosts) {
            if (!ENDPOINT.matcher(h).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why these driver settings would pin every session to one backend connection, or null: server-side prepared
     * statements ({@code useServerPrepStmts}) pin on the first {@code COM_STMT_PREPARE}.
     */
    static String pinningProblem(String jdbcUrl, Properties properties) {
        String property = properties.getProperty("useServerPrepStmts");
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        boolean inUrl = lower.matches(".*[?&]useserverprepstmts=(true|yes|1)(&.*)?");
        if (inUrl || "true".equalsIgnoreCase(property) || "yes".equalsIgnoreCase(property) || "1".equals(property)) {
            return "useServerPrepStmts=true makes the driver prepare statements on the server, and RDS Proxy pins every"
                    + " session that does; remove it (the client binds values in client-side prepared statements),"
                    + " or switch proxy mode off with rdsProxy(false)";
        }
        return null;
    }

    /** The host names of a JDBC URL, lower case, without user info, ports, brackets or properties. */
    static List<String> hosts(String jdbcUrl) {
        if (jdbcUrl == null) {
            return List.of();
        }
        int start = jdbcUrl.indexOf("//");
        if (start < 0) {
            return List.of();
        }
        start += 2;
        int end = start;
        while (end < jdbcUrl.length() && "/?".indexOf(jdbcUrl.charAt(end)) < 0) {
            end++;
        }
        String authority = jdbcUrl.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        List<String> hosts = new java.util.ArrayList<>();
        for (String h : authority.split(",")) {
            String host = h.trim().toLowerCase(Locale.ROOT);
            if (host.startsWith("[")) {
                int close = host.indexOf(']');
                host = close < 0 ? host.substring(1) : host.substring(1, close);
            } else if (host.indexOf(':') >= 0) {
                host = host.substring(0, host.indexOf(':'));
            }
            if (!host.isEmpty()) {
                hosts.add(host);
            }
        }
        return hosts;
    }
}
