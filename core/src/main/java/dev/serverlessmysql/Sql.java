package dev.serverlessmysql;

/**
 * Cheap looks at a statement's first keyword, made without parsing: whether it is safe to run again after a lost
 * connection, and whether it opens or closes a transaction behind the client's back.
 */
final class Sql {

    /** What a statement does to the transaction state. */
    enum TxEffect { NONE, BEGIN, END, AUTOCOMMIT_OFF, AUTOCOMMIT_ON }

    private Sql() {
    }

    /**
     * Whether the statement only reads: it starts with SELECT, SHOW, DESCRIBE, DESC or EXPLAIN (not EXPLAIN
     * ANALYZE), and has no INTO, FOR UPDATE, LOCK or GET_LOCK anywhere. A stored function with side effects called
     * from a SELECT is not detected; such statements should go through {@code update()} or a transaction.
     */
    static boolean isReadOnly(String sql) {
        int i = start(sql);
        if (!(startsWith(sql, i, "SELECT") || startsWith(sql, i, "SHOW") || startsWith(sql, i, "DESC")
                || (startsWith(sql, i, "EXPLAIN") && !containsWord(sql, "ANALYZE")))) {
            return false;
        }
        return !containsWord(sql, "INTO") && !containsWord(sql, "UPDATE") && !containsWord(sql, "LOCK")
                && !containsWord(sql, "GET_LOCK") && !containsWord(sql, "SLEEP");
    }

    /**
     * The number of {@code ?} placeholders outside string literals, quoted identifiers and comments, as the drivers'
     * client-side parsers count them (backslash escapes on).
     */
    static int placeholders(String sql) {
        int count = 0;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '?') {
                count++;
            } else if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == '#' || (c == '-' && i + 2 < n && sql.charAt(i + 1) == '-'
                    && Character.isWhitespace(sql.charAt(i + 2)))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
            }
        }
        return count;
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int n = sql.length();
        for (int i = start + 1; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return n;
    }

    /** Whether the statement begins, or ends, a transaction the client did not begin itself. */
    static TxEffect txEffect(String sql) {
        int i = start(sql);
        if (i >= sql.length()) {
            return TxEffect.NONE;
        }
        switch (sql.charAt(i)) {
            case 'S': case 's':
                if (startsWith(sql, i, "START TRANSACTION")) {
                    return TxEffect.BEGIN;
                }
                return startsWith(sql, i, "SET") ? autocommitEffect(sql, i + 3) : TxEffect.NONE;
            case 'B': case 'b':
                return startsWith(sql, i, "BEGIN") ? TxEffect.BEGIN : TxEffect.NONE;
            case 'X': case 'x':
                return startsWith(sql, i, "XA START") || startsWith(sql, i, "XA BEGIN") ? TxEffect.BEGIN
                        : TxEffect.NONE;
            case 'C': case 'c':
                return startsWith(sql, i, "COMMIT") ? TxEffect.END : TxEffect.NONE;
            case 'R': case 'r':
                return startsWith(sql, i, "ROLLBACK") && !containsWord(sql, "SAVEPOINT") ? TxEffect.END
                        : TxEffect.NONE;
            default:
                return TxEffect.NONE;
        }
    }

    /** "SET [SESSION|LOCAL] [@@[session.|local.]]autocommit = value" and nothing else. */
    private static TxEffect autocommitEffect(String sql, int from) {
        int i = skipSpaces(sql, from);
        for (String scope : new String[] {"SESSION", "LOCAL"}) {
            if (startsWith(sql, i, scope)) {
                i = skipSpaces(sql, i + scope.length());
            }
        }
        for (String prefix : new String[] {"@@SESSION.", "@@LOCAL.", "@@"}) {
            if (sql.regionMatches(true, i, prefix, 0, prefix.length())) {
                i += prefix.length();
                break;
            }
        }
        if (!startsWith(sql, i, "AUTOCOMMIT")) {
            return TxEffect.NONE;
        }
        String value = sql.substring(i + "AUTOCOMMIT".length()).replaceAll("[\\s=;]", "");
        boolean on = value.startsWith("1") || value.equalsIgnoreCase("ON") || value.equalsIgnoreCase("TRUE");
        return on ? TxEffect.AUTOCOMMIT_ON : TxEffect.AUTOCOMMIT_OFF;
    }

    private static int skipSpaces(String sql, int i) {
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int start(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if ((c == '-' && sql.startsWith("-- ", i)) || c == '#') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean startsWith(String sql, int i, String keyword) {
        if (!sql.regionMatches(true, i, keyword, 0, keyword.length())) {
            return false;
        }
        int after = i + keyword.length();
        return after >= sql.length() || !isWordChar(sql.charAt(after)) || keyword.equals("DESC");
    }

    private static boolean containsWord(String sql, String word) {
        int n = word.length();
        for (int i = sql.length() - n; i >= 0; i--) {
            if (sql.regionMatches(true, i, word, 0, n)
                    && (i == 0 || !isWordChar(sql.charAt(i - 1)))
                    && (i + n == sql.length() || !isWordChar(sql.charAt(i + n)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
