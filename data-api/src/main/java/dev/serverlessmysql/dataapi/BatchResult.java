package dev.serverlessmysql.dataapi;

import java.util.List;

/**
 * What a batch did: one entry per parameter set, each with the keys that set generated. The Data API reports no
 * row counts for a batch.
 */
public final class BatchResult {

    private final List<List<Long>> generatedKeys;

    BatchResult(List<List<Long>> generatedKeys) {
        this.generatedKeys = List.copyOf(generatedKeys);
    }

    /** How many parameter sets ran. */
    public int size() {
        return generatedKeys.size();
    }

    /** The keys each parameter set generated, in the order of the sets. */
    public List<List<Long>> generatedKeysPerSet() {
        return generatedKeys;
    }

    /** Every generated key, in the order of the sets. */
    public List<Long> generatedKeys() {
        return generatedKeys.stream().flatMap(List::stream).toList();
    }

    @Override
    public String toString() {
        return "BatchResult[sets=" + size() + ", generatedKeys=" + generatedKeys() + "]";
    }
}
