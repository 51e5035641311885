package dev.serverlessmysql.dataapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rdsdata.model.ColumnMetadata;
import software.amazon.awssdk.services.rdsdata.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.rdsdata.model.Field;
import software.amazon.awssdk.services.rdsdata.model.UpdateResult;

/** Data API responses to the client's results: rows from records and column metadata, keys from generated fields. */
final class Results {

    private Results() {
    }

    /** Every row as a map from label to value, in column order; no rows when the statement returned no result set. */
    static List<Map<String, Object>> maps(ExecuteStatementResponse r) {
        if (!r.hasRecords() || r.records().isEmpty()) {
            return new ArrayList<>();
        }
        List<ColumnMetadata> columns = columns(r);
        int n = columns.size();
        String[] labels = new String[n];
        Values.Type[] types = new Values.Type[n];
        for (int i = 0; i < n; i++) {
            labels[i] = label(columns.get(i));
            types[i] = Values.type(columns.get(i));
        }
        int capacity = (int) (n / 0.75f) + 1;
        List<Map<String, Object>> rows = new ArrayList<>(r.records().size());
        for (List<Field> record : r.records()) {
            Map<String, Object> row = new LinkedHashMap<>(capacity);
            for (int i = 0; i < n; i++) {
                row.put(labels[i], Values.value(record.get(i), types[i]));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Every row mapped by {@code mapper}. */
    static <T> List<T> mapped(ExecuteStatementResponse r, RowMapper<T> mapper) {
        if (!r.hasRecords() || r.records().isEmpty()) {
            return new ArrayList<>();
        }
        List<ColumnMetadata> columns = columns(r);
        int n = columns.size();
        List<String> labels = new ArrayList<>(n);
        Map<String, Integer> index = new HashMap<>();
        Values.Type[] types = new Values.Type[n];
        for (int i = 0; i < n; i++) {
            String label = label(columns.get(i));
            labels.add(label);
            index.putIfAbsent(label, i);
            types[i] = Values.type(columns.get(i));
        }
        List<String> fixedLabels = Collections.unmodifiableList(labels);
        List<T> rows = new ArrayList<>(r.records().size());
        for (List<Field> record : r.records()) {
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                values[i] = Values.value(record.get(i), types[i]);
            }
            rows.add(mapper.map(new Row(fixedLabels, index, values)));
        }
        return rows;
    }

    private static List<ColumnMetadata> columns(ExecuteStatementResponse r) {
        if (!r.hasColumnMetadata() || r.columnMetadata().size() != r.records().get(0).size()) {
            throw new DataApiException("The Data API returned rows without column metadata; the client asks for it"
                    + " (includeResultMetadata), so this answer is not from the Data API as documented");
        }
        return r.columnMetadata();
    }

    private static String label(ColumnMetadata c) {
        return c.label() != null && !c.label().isEmpty() ? c.label() : c.name();
    }

    static List<Long> keys(List<Field> generated) {
        List<Long> keys = new ArrayList<>(generated.size());
        for (Field f : generated) {
            if (f.longValue() != null) {
                keys.add(f.longValue());
            } else if (f.stringValue() != null) {
                try {
                    keys.add(Long.parseLong(f.stringValue()));
                } catch (NumberFormatException e) {
                    throw new DataApiException("A generated key is not an integer: " + f.stringValue());
                }
            }
        }
        return keys;
    }

    static List<List<Long>> batchKeys(List<UpdateResult> results) {
        List<List<Long>> out = new ArrayList<>(results.size());
        for (UpdateResult u : results) {
            out.add(keys(u.hasGeneratedFields() ? u.generatedFields() : List.of()));
        }
        return out;
    }
}
