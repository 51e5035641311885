package dev.serverlessmysql.dataapi;

/**
 * A snapshot of a client's counters.
 *
 * @param calls Data API calls sent, retries included
 * @param retries calls re-sent after a resuming cluster, throttling or a retryable fault
 * @param errors errors thrown to the caller
 * @param commits transactions committed
 * @param rollbacks transactions rolled back
 */
public record DataApiStats(long calls, long retries, long errors, long commits, long rollbacks) {
}
