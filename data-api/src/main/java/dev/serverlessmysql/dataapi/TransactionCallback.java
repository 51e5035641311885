package dev.serverlessmysql.dataapi;

/**
 * The body of a transaction. The client begins the transaction, runs the callback and commits; any exception rolls
 * the transaction back and reaches the caller.
 *
 * @param <T> what the transaction returns
 */
@FunctionalInterface
public interface TransactionCallback<T> {

    /** Runs the transaction's statements through {@code tx}. */
    T run(Transaction tx) throws Exception;
}
