package dev.serverlessmysql;

/**
 * Cheap looks at a statement's text, made without parsing. The server's own flags come first (see
 * {@link DriverAdapter}); the text is what the client knows when they cannot tell: whether a statement is safe to
 * run again after a lost connection, whether it depends on or changes session state, whether it may commit an open
 * transaction implicitly, and, for a driver without status flags, whether it begins or ends one. Anything the text
 * does not make clear is taken at its worst: it may change the session, depend on it and commit.
 */
final class Sql {

    /** What a statement does to the transaction state. */
    enum TxEffect { NONE, BEGIN, END, AUTOCOMMIT_OFF, AUTOCOMMIT_ON }

    /** It only reads: see {@link #isReadOnly(String)}. */
    static final int READ_ONLY = 1;
    /** Its result depends on the session: LAST_INSERT_ID(), FOUND_ROWS(), ROW_COUNT(), CONNECTION_ID(), variables. */
    static final int SESSION_DEPENDENT = 2;
    /** It may change session state that would leak into the next invocation: SET, USE, temporary tables, locks. */
    static final int CHANGES_SESSION = 4;
    /**
     * It may commit an open transaction: DDL, LOCK TABLES, BEGIN, COMMIT, XA COMMIT, user and privilege statements,
     * administration statements (MySQL's "Statements That Cause an Implicit Commit"), CALL and anything unknown.
     */
    static final int MAY_COMMIT = 8;

    private static final int UNKNOWN = SESSION_DEPENDENT | CHANGES_SESSION | MAY_COMMIT;

    /**
     * Traits of texts seen before. A handler runs the same few statements at every invocation, and the traits are a
     * pure function of the text, so each text is scanned once per JVM rather than several times per statement. The
     * bound keeps SQL with inlined values (a new text per call) from growing it: past it, texts are scanned each time.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, Integer> TRAITS =
            new java.util.concurrent.ConcurrentHashMap<>();
    static final int TRAITS_KEPT = 1024;

    private Sql() {
    }

    /**
     * The statement's traits: a combination of {@link #READ_ONLY}, {@link #SESSION_DEPENDENT},
     * {@link #CHANGES_SESSION} and {@link #MAY_COMMIT}. A pure function of the text.
     */
    static int traits(String sql) {
        return described(sql) & TRAIT_MASK;
    }

    /**
     * The number of {@code ?} placeholders, as {@link #placeholders(String)} counts them, kept with the traits so that
     * a statement's text is not scanned again at every call.
     */
    static int placeholderCount(String sql) {
        return described(sql) >>> PLACEHOLDER_SHIFT;
    }

    /** Traits in the low bits, the placeholder count above them; scanned once per text and kept. */
    private static int described(String sql) {
        Integer known = TRAITS.get(sql);
        if (known != null) {
            return known;
        }
        int described = analyse(sql) | Math.min(placeholders(sql), MAX_PLACEHOLDERS) << PLACEHOLDER_SHIFT;
        if (TRAITS.size() < TRAITS_KEPT) {
            TRAITS.putIfAbsent(sql, described);
        }
        return described;
    }

    private static final int TRAIT_MASK = 0xFF;
    private static final int PLACEHOLDER_SHIFT = 8;
    /** More than any driver accepts (MySQL's protocol allows 65535 parameters); kept in the 23 bits above the traits. */
    private static final int MAX_PLACEHOLDERS = (1 << 23) - 1;

    /** How many texts' traits are kept. */
    static int traitsKept() {
        return TRAITS.size();
    }

    private static int analyse(String sql) {
        int i = start(sql);
        // an executable comment (MySQL's /*! ... */, MariaDB's /*M! ... */) before the first word is part of the
        // statement: "/*!50000 INSERT INTO t */ SELECT 1" writes, so the word after it says nothing
        if (sql.lastIndexOf("/*!", i) >= 0 || sql.lastIndexOf("/*M!", i) >= 0) {
            return UNKNOWN;
        }
        int first = keywordTraits(sql, i);
        if (first == UNKNOWN) {
            return UNKNOWN;
        }
        int variables = variables(sql);
        if ((variables & USER_VARIABLE) != 0) {
            first |= SESSION_DEPENDENT | CHANGES_SESSION;
        }
        if ((variables & SESSION_VARIABLE) != 0) {
            first |= SESSION_DEPENDENT;
        }
        if ((first & READ_ONLY) != 0 && (containsWord(sql, "LAST_INSERT_ID") || containsWord(sql, "FOUND_ROWS")
                || containsWord(sql, "ROW_COUNT") || containsWord(sql, "CONNECTION_ID"))) {
            first |= SESSION_DEPENDENT;
        }
        if ((first & READ_ONLY) != 0 && !isReadOnly(sql)) {
            first &= ~READ_ONLY;
            if (containsWord(sql, "GET_LOCK") || containsWord(sql, "RELEASE_LOCK") || containsWord(sql, "INTO")) {
                first |= CHANGES_SESSION;
            }
        }
        return first;
    }

    /**
     * Whether a read may be run again on a new connection after its connection died under it: it only reads and
     * depends on nothing in the session. (The caller also checks that the session itself was unchanged.)
     */
    static boolean isRerunnable(int traits) {
        return (traits & (READ_ONLY | SESSION_DEPENDENT | CHANGES_SESSION | MAY_COMMIT)) == READ_ONLY;
    }

    private static int keywordTraits(String sql, int i) {
        if (i >= sql.length()) {
            return UNKNOWN;
        }
        switch (Character.toUpperCase(sql.charAt(i))) {
            case 'S':
                if (startsWith(sql, i, "SELECT") || startsWith(sql, i, "SHOW")) {
                    return READ_ONLY;
                }
                if (startsWith(sql, i, "START TRANSACTION")) {
                    return MAY_COMMIT;
                }
                if (startsWith(sql, i, "SAVEPOINT")) {
                    return 0;
                }
                return startsWith(sql, i, "SET") ? setTraits(sql, i + 3) : UNKNOWN;
            case 'W':
                return startsWith(sql, i, "WITH") ? READ_ONLY : UNKNOWN;
            case 'T':
                if (startsWith(sql, i, "TABLE")) {
                    return READ_ONLY;
                }
                return startsWith(sql, i, "TRUNCATE") ? MAY_COMMIT : UNKNOWN;
            case 'V':
                return startsWith(sql, i, "VALUES") ? READ_ONLY : UNKNOWN;
            case 'D':
                if (startsWith(sql, i, "DESC") || startsWith(sql, i, "DESCRIBE")) {
                    return READ_ONLY;
                }
                if (startsWith(sql, i, "DELETE")) {
                    return 0;
                }
                if (startsWith(sql, i, "DROP")) {
                    return temporary(sql, i + 4) ? CHANGES_SESSION : MAY_COMMIT;
                }
                return UNKNOWN;
            case 'E':
                return startsWith(sql, i, "EXPLAIN") ? READ_ONLY : UNKNOWN;
            case 'I':
                return startsWith(sql, i, "INSERT") ? 0 : UNKNOWN;
            case 'U':
                if (startsWith(sql, i, "UPDATE")) {
                    return 0;
                }
                if (startsWith(sql, i, "USE")) {
                    return CHANGES_SESSION;
                }
                return startsWith(sql, i, "UNLOCK") ? CHANGES_SESSION | MAY_COMMIT : UNKNOWN;
            case 'R':
                if (startsWith(sql, i, "REPLACE")) {
                    return 0;
                }
                if (startsWith(sql, i, "ROLLBACK") || startsWith(sql, i, "RELEASE SAVEPOINT")) {
                    return 0;
                }
                return startsWith(sql, i, "RENAME") ? MAY_COMMIT : UNKNOWN;
            case 'C':
                if (startsWith(sql, i, "COMMIT")) {
                    return MAY_COMMIT;
                }
                if (startsWith(sql, i, "CREATE")) {
                    return temporary(sql, i + 6) ? CHANGES_SESSION : MAY_COMMIT;
                }
                return UNKNOWN;
            case 'A':
                return startsWith(sql, i, "ALTER") ? MAY_COMMIT : UNKNOWN;
            case 'B':
                return startsWith(sql, i, "BEGIN") ? MAY_COMMIT : UNKNOWN;
            case 'L':
                if (startsWith(sql, i, "LOCK")) {
                    return CHANGES_SESSION | MAY_COMMIT;
                }
                return startsWith(sql, i, "LOAD DATA") ? 0 : UNKNOWN;
            default:
                return UNKNOWN;
        }
    }

    /** SET TRANSACTION (the next transaction only) changes nothing lasting; SET autocommit = 1 commits. */
    private static int setTraits(String sql, int from) {
        int i = skipSpaces(sql, from);
        if (startsWith(sql, i, "TRANSACTION")) {
            return 0;
        }
        TxEffect effect = autocommitEffect(sql, from);
        if (effect == TxEffect.AUTOCOMMIT_ON) {
            return CHANGES_SESSION | MAY_COMMIT;
        }
        if (startsWith(sql, i, "PASSWORD") || startsWith(sql, i, "ROLE") || startsWith(sql, i, "DEFAULT ROLE")) {
            return CHANGES_SESSION | MAY_COMMIT;
        }
        return CHANGES_SESSION;
    }

    private static boolean temporary(String sql, int from) {
        return startsWith(sql, skipSpaces(sql, from), "TEMPORARY");
    }

    private static final int USER_VARIABLE = 1;
    private static final int SESSION_VARIABLE = 2;

    /** Whether the text names a user variable (@x) or a session-scoped system variable (@@x, not @@global.x). */
    private static int variables(String sql) {
        int found = 0;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '@') {
                if (i + 1 < n && sql.charAt(i + 1) == '@') {
                    if (!sql.regionMatches(true, i + 2, "global.", 0, 7)) {
                        found |= SESSION_VARIABLE;
                    }
                    i++;
                } else if (i == 0 || !isWordChar(sql.charAt(i - 1))) {
                    found |= USER_VARIABLE;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else {
                i = skipComment(sql, i);
            }
        }
        return found;
    }

    /**
     * Whether the statement only reads: it starts with SELECT, SHOW, DESCRIBE, DESC, EXPLAIN (not EXPLAIN ANALYZE),
     * WITH, TABLE or VALUES, and has no INTO, UPDATE, DELETE, INSERT, FOR UPDATE, LOCK, GET_LOCK, RELEASE_LOCK or
     * SLEEP anywhere. A stored function with side effects called from a SELECT is not detected; such statements should
     * go through {@code update()} or a transaction.
     */
    static boolean isReadOnly(String sql) {
        int i = start(sql);
        if (!(startsWith(sql, i, "SELECT") || startsWith(sql, i, "SHOW") || startsWith(sql, i, "DESC")
                || startsWith(sql, i, "WITH") || startsWith(sql, i, "TABLE") || startsWith(sql, i, "VALUES")
                || (startsWith(sql, i, "EXPLAIN") && !containsWord(sql, "ANALYZE")))) {
            return false;
        }
        return !containsWord(sql, "INTO") && !containsWord(sql, "UPDATE") && !containsWord(sql, "DELETE")
                && !containsWord(sql, "INSERT") && !containsWord(sql, "LOCK") && !containsWord(sql, "GET_LOCK")
                && !containsWord(sql, "RELEASE_LOCK") && !containsWord(sql, "SLEEP");
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
            } else {
                i = skipComment(sql, i);
            }
        }
        return count;
    }

    /**
     * The index of the last character of the comment starting at {@code i} ({@code #}, {@code -- } or a block
     * comment), so that a scanning loop's {@code i++} steps past it; {@code i} itself when no comment starts there.
     */
    private static int skipComment(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '#' || (c == '-' && i + 2 < n && sql.charAt(i + 1) == '-'
                && Character.isWhitespace(sql.charAt(i + 2)))) {
            int end = sql.indexOf('\n', i);
            return end < 0 ? n : end;
        }
        if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? n : end + 1;
        }
        return i;
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
