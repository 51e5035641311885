package dev.serverlessmysql.dataapi;

import java.util.List;

/** What a statement changed: the affected row count ({@code numberOfRecordsUpdated}) and the generated keys. */
public final class UpdateResult {

    private final long count;
    private final List<Long> generatedKeys;

    UpdateResult(long count, List<Long> generatedKeys) {
        this.count = count;
        this.generatedKeys = List.copyOf(generatedKeys);
    }

    /** The number of rows the statement affected, as MySQL counts them. */
    public long count() {
        return count;
    }

    /** The AUTO_INCREMENT values the statement generated, in order; empty when it generated none. */
    public List<Long> generatedKeys() {
        return generatedKeys;
    }

    /**
     * The first generated key, for a single-row INSERT into a table with an AUTO_INCREMENT column.
     *
     * @throws IllegalStateException if the statement generated no key
     */
    public long generatedKey() {
        if (generatedKeys.isEmpty()) {
            throw new IllegalStateException("The statement generated no key: it was not an INSERT into a table with an"
                    + " AUTO_INCREMENT column, or it inserted nothing");
        }
        return generatedKeys.get(0);
    }

    @Override
    public String toString() {
        return "UpdateResult[count=" + count + ", generatedKeys=" + generatedKeys + "]";
    }
}
