package dev.serverlessmysql.chaos;

import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.TransactionOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * The workload and its invariant: transfers between a few accounts, each one transaction that appends the transfer to
 * an append-only ledger and moves the amount. The sum of balances never changes, and every account's balance is its
 * opening balance plus what the ledger says it received minus what it sent; a half-applied transfer breaks both.
 */
final class Bank {

    static final long OPENING_BALANCE = 1_000_000;

    /** A transfer is keyed by its ledger row, so re-running the whole callback after a deadlock is safe. */
    private static final TransactionOptions RETRY_DEADLOCKS = TransactionOptions.defaults().retryOnDeadlock(100);

    private final int accounts;
    private final long seed;

    Bank(int accounts, long seed) {
        this.accounts = accounts;
        this.seed = seed;
    }

    /** One transfer, derived from its id so that a retry moves the same amount between the same accounts. */
    record Transfer(int id, int from, int to, long amount) {
    }

    Transfer transfer(int id) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + id);
        int from = random.nextInt(accounts);
        int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
        return new Transfer(id, from, to, 1 + random.nextInt(100));
    }

    /** Creates the tables and opens every account; run once, before the load. */
    void open(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL) ENGINE=InnoDB");
            s.execute("CREATE TABLE ledger (id INT PRIMARY KEY, from_account INT NOT NULL, to_account INT NOT NULL,"
                    + " amount BIGINT NOT NULL) ENGINE=InnoDB");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (id, balance) VALUES (?, ?)")) {
                for (int i = 0; i < accounts; i++) {
                    ps.setInt(1, i);
                    ps.setLong(2, OPENING_BALANCE);
                    ps.executeUpdate();
                }
            }
        }
    }

    /**
     * Runs {@code t} in one client transaction: the ledger row first, then the debit, a short pause that widens the
     * window for deadlocks and for kills of busy sessions, then the credit. Two opposite transfers lock their accounts
     * in opposite order, which is how the deadlocks arise.
     */
    void apply(ServerlessMysql client, Transfer t) {
        client.transaction(RETRY_DEADLOCKS, tx -> {
            tx.update("INSERT INTO ledger (id, from_account, to_account, amount) VALUES (?, ?, ?, ?)",
                    t.id(), t.from(), t.to(), t.amount());
            tx.update("UPDATE accounts SET balance = balance - ? WHERE id = ?", t.amount(), t.from());
            tx.query("SELECT SLEEP(?)", 0.005);
            tx.update("UPDATE accounts SET balance = balance + ? WHERE id = ?", t.amount(), t.to());
            return null;
        });
    }

    /** The ledger and balances as committed, read after the run. */
    record Audit(Set<Integer> ledger, long balanceSum, long expectedSum, int accountsOff) {

        boolean invariantHolds() {
            return balanceSum == expectedSum && accountsOff == 0;
        }
    }

    Audit audit(DataSource admin, String database) throws SQLException {
        Set<Integer> ledger = new HashSet<>();
        Map<Integer, Long> expected = new HashMap<>();
        for (int i = 0; i < accounts; i++) {
            expected.put(i, OPENING_BALANCE);
        }
        long sum = 0;
        int off = 0;
        try (Connection c = admin.getConnection()) {
            c.setCatalog(database);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, from_account, to_account, amount FROM ledger")) {
                while (rs.next()) {
                    ledger.add(rs.getInt(1));
                    expected.merge(rs.getInt(2), -rs.getLong(4), Long::sum);
                    expected.merge(rs.getInt(3), rs.getLong(4), Long::sum);
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, balance FROM accounts")) {
                while (rs.next()) {
                    sum += rs.getLong(2);
                    if (expected.getOrDefault(rs.getInt(1), Long.MIN_VALUE) != rs.getLong(2)) {
                        off++;
                    }
                }
            }
        }
        return new Audit(ledger, sum, OPENING_BALANCE * accounts, off);
    }
}
