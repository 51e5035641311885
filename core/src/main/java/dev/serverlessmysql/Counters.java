package dev.serverlessmysql;

import java.util.concurrent.atomic.AtomicLong;

/** The client's counters; only rare events touch them, never the statement path. */
final class Counters {

    final AtomicLong connects = new AtomicLong();
    final AtomicLong connectRetries = new AtomicLong();
    final AtomicLong zombiesKilled = new AtomicLong();
    final AtomicLong ends = new AtomicLong();
    final AtomicLong closesForUtilization = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong queryRetries = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong killErrors = new AtomicLong();
    final AtomicLong transactionsRolledBack = new AtomicLong();
    final AtomicLong sessionResets = new AtomicLong();

    ServerlessMysqlStats snapshot() {
        return new ServerlessMysqlStats(connects.get(), connectRetries.get(), zombiesKilled.get(), ends.get(),
                closesForUtilization.get(), errors.get(), queryRetries.get(), reconnects.get(), killErrors.get(),
                transactionsRolledBack.get(), sessionResets.get());
    }
}
