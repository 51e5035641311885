package dev.serverlessmysql.chaos;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.NetworkFaults;
import java.util.List;

/**
 * The two servers of a run, reached through one network path: the writer, and a reader that a failover promotes.
 * They do not replicate (test servers cannot share storage as Aurora's do), so each holds its own bank and the audit
 * checks each one; what the failover tests is the client, which must leave the demoted writer on its own.
 */
final class Cluster {

    private final MySqlDatabase primary;
    private final MySqlDatabase standby;
    private final NetworkFaults network;
    private volatile MySqlDatabase writer;

    /** A cluster of {@code primary} and {@code standby}, which may be null for a run without failovers. */
    Cluster(MySqlDatabase primary, MySqlDatabase standby, NetworkFaults network) {
        this.primary = primary;
        this.standby = standby;
        this.network = network;
        this.writer = primary;
    }

    /** Makes the standby a reader until a failover promotes it, so that a write that reaches it too early fails. */
    void prepare() {
        if (standby != null) {
            standby.server().setReadOnly(true);
        }
        network.routeTo(primary.server());
    }

    /** The server that takes writes now. */
    MySqlDatabase writer() {
        return writer;
    }

    /** Both servers, the first writer first; only the primary when the run has no standby. */
    List<MySqlDatabase> servers() {
        return standby == null ? List.of(primary) : List.of(primary, standby);
    }

    /** The network path every client connects through. */
    NetworkFaults network() {
        return network;
    }

    /**
     * Moves the writer role to the other server: the old writer goes read-only with its sessions kept, the other is
     * promoted, and new connections go there; open ones stay on the old writer, whose writes now fail with 1290.
     */
    void failover() {
        if (standby == null) {
            throw new IllegalStateException("This run has no standby to fail over to");
        }
        MySqlDatabase old = writer;
        MySqlDatabase next = old == primary ? standby : primary;
        old.server().setReadOnly(true);
        next.server().setReadOnly(false);
        network.routeTo(next.server());
        writer = next;
    }

    /** Lets both servers take writes again, for the audit's and the clean-up's sake. */
    void release() {
        for (MySqlDatabase db : servers()) {
            if (db.server().isRunning()) {
                db.server().setReadOnly(false);
            }
        }
    }
}
