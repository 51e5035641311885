package dev.serverlessmysql.dataapi;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntSupplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sends Data API calls with the client's one retry loop. A call that certainly did not run (the cluster resuming,
 * throttling) is retried with the backoff; so is a fault or a lost answer under a call that is safe to repeat (a
 * read, a begin, a rollback). A write or a commit whose outcome is unknown (a timeout, a lost answer, a server
 * fault) is never re-sent; its error says so. Every operation has its own attempt counter, bounded by
 * {@code maxRetries}, the retry deadline and the invocation's remaining time, which also caps each call's time.
 */
final class Caller {

    /** Whether a call may be re-sent after a failure that leaves its outcome unknown. */
    enum Safety {
        /** Re-running does no harm: a read, BeginTransaction, RollbackTransaction. */
        REPEATABLE,
        /** It may write: a statement that is not a read, CommitTransaction. */
        WRITE
    }

    private final Settings settings;
    final AtomicLong calls = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private volatile IntSupplier remainingMillis;
    private volatile long remainingAnchorNanos;
    private volatile long remainingFixedMillis = -1;

    Caller(Settings settings) {
        this.settings = settings;
    }

    void remainingTime(IntSupplier supplier) {
        this.remainingFixedMillis = -1;
        this.remainingMillis = supplier;
    }

    void remainingTime(Duration remaining, long nowNanos) {
        this.remainingMillis = null;
        this.remainingAnchorNanos = nowNanos;
        this.remainingFixedMillis = Math.max(0, remaining.toMillis());
    }

    void forgetRemainingTime() {
        this.remainingMillis = null;
        this.remainingFixedMillis = -1;
    }

    /** When the invocation's usable time ends (its end less the margin), or {@link Long#MAX_VALUE} when unknown. */
    long invocationEnd(long now) {
        IntSupplier supplier = remainingMillis;
        long fixed = remainingFixedMillis;
        long margin = settings.remainingTimeMargin().toNanos();
        if (supplier != null) {
            return now + supplier.getAsInt() * 1_000_000L - margin;
        }
        if (fixed >= 0) {
            return remainingAnchorNanos + fixed * 1_000_000L - margin;
        }
        return Long.MAX_VALUE;
    }

    /**
     * Sends one operation, retrying as the class comment says.
     *
     * @param what what the call does, for messages ("ExecuteStatement", "CommitTransaction")
     * @param sql the statement, for messages, or null
     * @param inTransaction whether the call runs inside a transaction, where a deadlock is never retried alone
     */
    <R> R call(String what, String sql, Safety safety, boolean inTransaction,
            Function<AwsRequestOverrideConfiguration, R> send) {
        long start = System.nanoTime();
        Deadline deadline = null;
        Duration previous = Duration.ZERO;
        int attempt = 0;
        int deadlockRetries = 0;
        while (true) {
            AwsRequestOverrideConfiguration override = override(what, sql, attempt);
            try {
                calls.incrementAndGet();
                return send.apply(override);
            } catch (SdkException e) {
                Failures.Kind kind = Failures.kind(e);
                boolean retryable;
                switch (kind) {
                    case RESUMING:
                    case THROTTLED:
                    case CONNECT:
                        retryable = true;
                        break;
                    case UNAVAILABLE:
                    case NETWORK:
                        retryable = safety == Safety.REPEATABLE;
                        break;
                    case DEADLOCK:
                        retryable = !inTransaction && deadlockRetries < settings.maxQueryRetries();
                        break;
                    default:
                        retryable = false;
                }
                if (!retryable || attempt >= settings.maxRetries()) {
                    throw failed(e, kind, what, sql, safety, attempt > 0 ? " (after " + attempt + " retries)" : "");
                }
                attempt++;
                if (kind == Failures.Kind.DEADLOCK) {
                    deadlockRetries++;
                }
                Duration delay = settings.backoff().delay(attempt, previous);
                long now = System.nanoTime();
                if (deadline == null) {
                    deadline = Deadline.of(start, settings.retryDeadline(), invocationEnd(now));
                }
                if (!deadline.allows(delay, now)) {
                    throw failed(e, kind, what, sql, safety, " (gave up after " + (attempt - 1) + " retries: "
                            + deadline.describe() + " would pass)");
                }
                previous = delay;
                retries.incrementAndGet();
                sleep(delay);
            }
        }
    }

    /** Caps the call at the invocation's remaining time; with no time left, the call is not sent at all. */
    private AwsRequestOverrideConfiguration override(String what, String sql, int attempt) {
        long now = System.nanoTime();
        long end = invocationEnd(now);
        if (end == Long.MAX_VALUE) {
            return null;
        }
        long left = end - now;
        if (left < 1_000_000L) {
            errors.incrementAndGet();
            throw new DataApiException(what + " was not sent: the invocation has no time left before its"
                    + " remainingTimeMargin (" + settings.remainingTimeMargin().toMillis() + " ms)"
                    + (attempt > 0 ? ", after " + attempt + " retries" : "") + statement(sql), null, 0, null, null, 0, false);
        }
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(Duration.ofNanos(left)).build();
    }

    DataApiException failed(SdkException e, Failures.Kind kind, String what, String sql, Safety safety, String note) {
        errors.incrementAndGet();
        String message = Failures.message(e);
        String type = Failures.type(e);
        int code = Failures.errorCode(message);
        boolean unknown = safety == Safety.WRITE
                && (kind == Failures.Kind.TIMEOUT || kind == Failures.Kind.NETWORK || kind == Failures.Kind.UNAVAILABLE);
        StringBuilder text = new StringBuilder(message);
        text.append(" [").append(type != null ? type : e.getClass().getSimpleName());
        if (Failures.status(e) > 0) {
            text.append(", HTTP ").append(Failures.status(e));
        }
        if (code > 0) {
            text.append(", MySQL error ").append(code);
        }
        text.append(']').append(note);
        if (unknown) {
            text.append(". ").append(what).append(" may or may not have been applied, so it was not re-sent");
        }
        if (kind == Failures.Kind.TRANSACTION_GONE) {
            text.append(". The service has rolled the transaction back; nothing of it was committed");
        }
        text.append(statement(sql));
        DataApiException error = new DataApiException(text.toString(), e, code, Failures.sqlState(message), type,
                Failures.status(e), unknown);
        return kind == Failures.Kind.TRANSACTION_GONE ? error.markTransactionGone() : error;
    }

    private static String statement(String sql) {
        if (sql == null) {
            return "";
        }
        String flat = sql.strip().replaceAll("\\s+", " ");
        return " Statement: " + (flat.length() <= 200 ? flat : flat.substring(0, 200) + "...");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataApiException("Interrupted while waiting to retry a Data API call");
        }
    }
}
