package dev.serverlessmysql;

/**
 * A snapshot of a client's counters since it was built.
 *
 * @param connects connections opened
 * @param connectRetries connect attempts retried after a "no room" or transient error
 * @param zombiesKilled sleeping sessions of the client's user killed by {@code end()} ("unknown thread", meaning
 *     another client killed it first, counts too)
 * @param ends calls of {@code end()}
 * @param closesForUtilization times {@code end()} closed the client's own connection under pressure
 * @param errors errors that reached the caller, plus failed housekeeping
 * @param queryRetries statements and transactions retried
 * @param reconnects dead connections found and replaced
 * @param killErrors kills that failed
 * @param transactionsRolledBack transactions found open by {@code end()} or on release and rolled back
 * @param sessionResets sessions {@code end()} reset with COM_RESET_CONNECTION because the invocation changed their
 *     state
 */
public record ServerlessMysqlStats(
        long connects,
        long connectRetries,
        long zombiesKilled,
        long ends,
        long closesForUtilization,
        long errors,
        long queryRetries,
        long reconnects,
        long killErrors,
        long transactionsRolledBack,
        long sessionResets) {
}
