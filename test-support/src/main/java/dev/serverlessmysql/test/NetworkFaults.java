package dev.serverlessmysql.test;

import dev.serverlessmysql.test.network.TcpProxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The network between a test and its database, with faults on demand: a TCP proxy in front of the class's server,
 * started by {@code @MySqlTest(networkFaults = true)} and injected like {@link MySqlDatabase}. Connect through
 * {@link #jdbcUrl()} (or {@link #dataSource()}); {@link MySqlDatabase#jdbcUrl()} stays direct, so that setup and
 * checks work during a fault. Before every test method the faults are healed and the route points at the class's
 * server again; faults apply to every connection of the class, so do not run its methods concurrently.
 */
public final class NetworkFaults {

    private final MySqlDatabase database;
    private final TcpProxy proxy;
    private final Supplier<StandbyServer> standbyFactory;
    private final DataSource dataSource;
    private volatile MySqlServer route;
    private StandbyServer standby;

    NetworkFaults(MySqlDatabase database, Supplier<StandbyServer> standbyFactory) {
        this.database = database;
        this.standbyFactory = standbyFactory;
        this.route = database.server();
        this.proxy = TcpProxy.start(database.name(), address(database.server()));
        this.dataSource = new DriverManagerDataSource(this::jdbcUrl, database.user(), database.password());
    }

    /**
     * A JDBC URL for the class's database through the proxy: {@code jdbc:mysql:} when MySQL Connector/J is on the
     * classpath, otherwise {@code jdbc:mariadb:}.
     */
    public String jdbcUrl() {
        return jdbcUrl(DriverManagerDataSource.preferredSubprotocol());
    }

    /** A JDBC URL for the class's database through the proxy, in the given subprotocol, {@code mysql} or {@code mariadb}. */
    public String jdbcUrl(String subprotocol) {
        if (!"mysql".equals(subprotocol) && !"mariadb".equals(subprotocol)) {
            throw new IllegalArgumentException("Unknown JDBC subprotocol '" + subprotocol
                    + "'. Use \"mysql\" (MySQL Connector/J) or \"mariadb\" (MariaDB Connector/J).");
        }
        MySqlServer server = database.server();
        String direct = database.jdbcUrl(subprotocol);
        String hostPort = "//" + server.host() + ":" + server.port() + "/";
        int at = direct.indexOf(hostPort);
        if (at < 0) {
            throw new IllegalStateException("Cannot point " + direct + " at the proxy: it does not name " + hostPort);
        }
        return direct.substring(0, at) + "//" + proxy.host() + ":" + proxy.port() + "/" + direct.substring(at + hostPort.length());
    }

    /** The proxy's host, a loopback address. */
    public String host() {
        return proxy.host();
    }

    /** The proxy's port, the same for the whole class. */
    public int port() {
        return proxy.port();
    }

    /** A data source that connects through the proxy as the class's non-privileged user; every call opens a connection. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The class's database, reached directly (not through the proxy). */
    public MySqlDatabase database() {
        return database;
    }

    /** The server new connections through the proxy go to now. */
    public MySqlServer server() {
        return route;
    }

    /**
     * A second server for failover tests, started on first call (a dedicated server with the same server variables),
     * holding a database of the same name, the same user and password, and the same init scripts, so that the same
     * URL and credentials work on it. Send new connections there with {@code routeTo(standby().server())}. It is
     * stopped when the class ends; users made with {@link MySqlDatabase#createUser()} are not copied.
     */
    public synchronized MySqlDatabase standby() {
        if (standby == null) {
            standby = standbyFactory.get();
        }
        return standby.database();
    }

    /**
     * A black hole: from now on nothing passes in either direction, on open and new connections alike, and nothing
     * is closed or reset. New connects succeed (the kernel completes the TCP handshake) and then hear nothing, as with
     * a fenced Aurora writer or a dropped NAT mapping; a read with a socket timeout times out. Bytes held back are
     * delivered after {@link #heal()}, as TCP retransmits them when a path comes back.
     */
    public void blackhole() {
        proxy.blackhole();
    }

    /** Adds {@code latency} to every chunk of bytes in each direction (a round trip costs twice that); ZERO removes it. */
    public void latency(Duration latency) {
        proxy.latency(latency);
    }

    /** Ends every connection open through the proxy with a TCP reset (RST) on both sides; new connections still work. */
    public void resetConnections() {
        proxy.resetConnections();
    }

    /** New connects are refused (connection refused) until {@link #heal()}; open connections go on working. */
    public void refuseNew() {
        proxy.refuseNew();
    }

    /** Lifts every fault (black hole, latency, refusal); the route stays where {@link #routeTo} put it. */
    public void heal() {
        proxy.heal();
    }

    /**
     * New connections go to {@code server} from now on, while open ones stay on the server they reached: a failover
     * seen through stale DNS. {@code server} must hold this class's database and user, as {@link #standby()} does.
     */
    public void routeTo(MySqlServer server) {
        Objects.requireNonNull(server, "server");
        proxy.routeTo(address(server));
        route = server;
    }

    /** The number of connections open through the proxy now. */
    public int openConnections() {
        return proxy.openConnections();
    }

    /** Heals the faults and routes back to the class's server, so that each test method starts on a sound network. */
    void beforeTest() {
        proxy.heal();
        routeTo(database.server());
    }

    /** Closes the proxy and every connection through it, then stops the standby server if one was started. */
    void close() {
        StandbyServer second;
        synchronized (this) {
            second = standby;
            standby = null;
        }
        try {
            proxy.close();
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    @Override
    public String toString() {
        return "NetworkFaults[" + proxy.host() + ":" + proxy.port() + " -> " + route
                + (proxy.isBlackholed() ? ", black hole" : "") + (proxy.isRefusing() ? ", refusing" : "")
                + (proxy.latency().isZero() ? "" : ", latency " + proxy.latency().toMillis() + " ms") + "]";
    }

    private static InetSocketAddress address(MySqlServer server) {
        return new InetSocketAddress(server.host(), server.port());
    }
}
