package dev.serverlessmysql.dataapi;

import java.util.Locale;
import java.util.regex.Pattern;

/** A cheap look at a statement's text: whether it only reads, so that re-sending it after a lost answer is harmless. */
final class SqlText {

    private static final Pattern LEADING = Pattern.compile("^(\\s+|/\\*.*?\\*/|--[^\\n]*\\n|#[^\\n]*\\n)*", Pattern.DOTALL);
    private static final Pattern WRITES = Pattern.compile("\\b(INTO|UPDATE|LOCK|GET_LOCK|ANALYZE)\\b");

    private SqlText() {
    }

    /**
     * Whether the statement starts with SELECT, SHOW, DESCRIBE, DESC, EXPLAIN or WITH and has no INTO, FOR UPDATE,
     * LOCK or GET_LOCK anywhere. A stored function with side effects called from a SELECT is not detected.
     */
    static boolean isReadOnly(String sql) {
        String s = LEADING.matcher(sql).replaceFirst("").toUpperCase(Locale.ROOT);
        boolean reads = s.startsWith("SELECT") || s.startsWith("SHOW") || s.startsWith("DESC") || s.startsWith("EXPLAIN")
                || s.startsWith("WITH") && !s.contains("DELETE") && !s.contains("INSERT");
        return reads && !WRITES.matcher(s).find();
    }
}
