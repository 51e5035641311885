package dev.serverlessmysql;

import java.util.List;

/**
 * What a write returned: the affected row count and the keys it generated (AUTO_INCREMENT values), which is what
 * {@code SELECT LAST_INSERT_ID()} gives, without depending on the session: a statement after a reconnect would ask a
 * new session, which answers 0.
 *
 * @param count the affected row count, as {@code update(...)} returns it
 * @param keys every generated key, in the order of the inserted rows; empty when the statement generated none
 */
public record UpdateResult(int count, List<Long> keys) {

    /** Copies the keys. */
    public UpdateResult {
        keys = List.copyOf(keys);
    }

    /** The first generated key, or 0 when the statement generated none (as {@code LAST_INSERT_ID()} answers). */
    public long key() {
        return keys.isEmpty() ? 0 : keys.get(0);
    }
}
