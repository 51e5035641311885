package dev.serverlessmysql.chaos;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.serverlessmysql.ConnectionLostException;
import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.ServerlessMysqlException;
import dev.serverlessmysql.ServerlessMysqlListener;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The function under chaos: one {@link ServerlessMysql} per container, built at the cold start; each invocation
 * applies one transfer and calls {@code end()}. A transaction whose connection was lost is run again: its ledger row
 * makes that safe, and a duplicate-key error on the retry proves the first attempt had committed after all.
 */
final class TransferHandler implements RequestHandler<Integer, String> {

    private static final int DUPLICATE_KEY = 1062;
    /** Time an invocation keeps in hand: it re-runs a transaction that lost its connection only while it has more. */
    private static final int LOSS_RETRY_RESERVE_MILLIS = 1000;

    private final ServerlessMysql client;
    private final Bank bank;
    private final Outcomes outcomes;

    TransferHandler(String url, String user, String password, ChaosPlan plan, Bank bank, Outcomes outcomes) {
        this.bank = bank;
        this.outcomes = outcomes;
        this.client = ServerlessMysql.builder().jdbcUrl(url).user(user).password(password)
                .retryDeadline(plan.retryDeadline())
                .maxConnsFreq(Duration.ofSeconds(1))
                .zombieMinTimeout(Duration.ofSeconds(1))
                .listener(new ServerlessMysqlListener() {
                    @Override
                    public void onQueryRetry(SQLException error, int attempt, Duration delay) {
                        if (error.getErrorCode() == 1213 || error.getErrorCode() == 1205) {
                            outcomes.deadlock();
                        }
                    }
                })
                .build();
        outcomes.built(client);
    }

    @Override
    public String handleRequest(Integer id, Context context) {
        long started = System.nanoTime();
        outcomes.attempted();
        client.remainingTime(context::getRemainingTimeInMillis);
        Bank.Transfer transfer = bank.transfer(id);
        boolean retrying = false;
        try {
            while (true) {
                try {
                    bank.apply(client, transfer);
                    outcomes.acknowledged(id, started);
                    return "ok";
                } catch (ConnectionLostException e) {
                    if (context.getRemainingTimeInMillis() < LOSS_RETRY_RESERVE_MILLIS) {
                        throw failed(id, started, e);
                    }
                    retrying = true;
                    outcomes.retriedAfterLoss();
                } catch (ServerlessMysqlException e) {
                    if (retrying && e.getErrorCode() == DUPLICATE_KEY) {
                        outcomes.confirmedByLedger();
                        outcomes.acknowledged(id, started);
                        return "ok";
                    }
                    throw failed(id, started, e);
                } catch (RuntimeException e) {
                    throw failed(id, started, e);
                }
            }
        } finally {
            client.end();
        }
    }

    private RuntimeException failed(int id, long started, RuntimeException e) {
        outcomes.failed(id, started, e);
        return e;
    }
}
