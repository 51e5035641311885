package dev.serverlessmysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every listener event as a short line, for assertions. */
final class RecordingListener implements ServerlessMysqlListener {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Long> killed = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onConnect(Connection connection) {
        events.add("connect");
    }

    @Override
    public void onConnectError(SQLException error) {
        events.add("connectError " + error.getErrorCode());
        errors.add(error);
    }

    @Override
    public void onRetry(SQLException error, int attempt, Duration delay) {
        events.add("retry " + attempt + " " + error.getErrorCode());
    }

    @Override
    public void onClose(CloseReason reason) {
        events.add("close " + reason);
    }

    @Override
    public void onError(ServerlessMysqlException error) {
        events.add("error " + error.getErrorCode());
        errors.add(error);
    }

    @Override
    public void onKill(long threadId, Duration idle) {
        events.add("kill");
        killed.add(threadId);
    }

    @Override
    public void onKillError(long threadId, SQLException error) {
        events.add("killError " + error.getErrorCode());
    }

    @Override
    public void onQueryRetry(SQLException error, int attempt, Duration delay) {
        events.add("queryRetry " + attempt + " " + error.getErrorCode());
    }

    @Override
    public void onTransactionLeak(String detail) {
        events.add("leak");
    }

    long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }
}
