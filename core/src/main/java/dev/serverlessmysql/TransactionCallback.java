package dev.serverlessmysql;

/**
 * The body of a transaction. The client begins the transaction, runs the callback and commits; any exception rolls
 * the transaction back and reaches the caller.
 *
 * <p>With {@link TransactionOptions#retryOnDeadlock(int)} the callback may run more than once, each time in a new
 * transaction, so it must then be idempotent apart from its database work: no side effects outside the
 * transaction.
 *
 * @param <T> what the transaction returns
 */
@FunctionalInterface
public interface TransactionCallback<T> {

    /** Runs the transaction's statements through {@code tx}. */
    T run(Transaction tx) throws Exception;
}
