package dev.serverlessmysql.test;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a MySQL script into statements, each with the line it starts on, the way the {@code mysql} client does:
 * quotes, comments and {@code DELIMITER} lines are honoured, and {@code /*! ... *}{@code /} hints are kept.
 */
final class SqlScript {

    /** One statement of a script and the 1-based line it starts on. */
    record Statement(String sql, int line) {
    }

    private SqlScript() {
    }

    static List<Statement> parse(String script) {
        List<Statement> statements = new ArrayList<>();
        String delimiter = ";";
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (current.length() == 0 && startLine < 0 && isLineStart(script, i) && startsWithWord(script, i, "DELIMITER")) {
                int end = lineEnd(script, i);
                delimiter = script.substring(i + "DELIMITER".length(), end).strip();
                if (delimiter.isEmpty()) {
                    throw new IllegalArgumentException("line " + line + ": DELIMITER needs a value, for example DELIMITER //");
                }
                i = end;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            if (script.startsWith(delimiter, i)) {
                add(statements, current, startLine);
                current.setLength(0);
                startLine = -1;
                i += delimiter.length();
                continue;
            }
            if (isDashComment(script, i) || c == '#') {
                i = lineEnd(script, i);
                continue;
            }
            if (c == '/' && script.startsWith("/*", i) && !script.startsWith("/*!", i)) {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(script, i, end, '\n');
                i = end;
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                int end = quoteEnd(script, i, c);
                if (startLine < 0) {
                    startLine = line;
                }
                line += count(script, i, end, '\n');
                current.append(script, i, end);
                i = end;
                continue;
            }
            if (startLine < 0 && !Character.isWhitespace(c)) {
                startLine = line;
            }
            if (startLine >= 0) {
                current.append(c);
            }
            i++;
        }
        add(statements, current, startLine);
        return statements;
    }

    private static void add(List<Statement> statements, StringBuilder sql, int line) {
        String text = sql.toString().strip();
        if (!text.isEmpty()) {
            statements.add(new Statement(text, line));
        }
    }

    private static int quoteEnd(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    /**
     * Whether a {@code --} comment starts at {@code i}: as in the {@code mysql} client, the two dashes must be followed
     * by whitespace or a control character (a tab, a line end) or end the script; {@code 1--1} is arithmetic.
     */
    private static boolean isDashComment(String s, int i) {
        if (!s.startsWith("--", i)) {
            return false;
        }
        if (i + 2 >= s.length()) {
            return true;
        }
        char next = s.charAt(i + 2);
        return Character.isWhitespace(next) || Character.isISOControl(next);
    }

    private static boolean isLineStart(String s, int i) {
        int j = i - 1;
        while (j >= 0 && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j--;
        }
        return j < 0 || s.charAt(j) == '\n';
    }

    private static boolean startsWithWord(String s, int i, String word) {
        return s.regionMatches(true, i, word, 0, word.length())
                && (i + word.length() >= s.length() || Character.isWhitespace(s.charAt(i + word.length())));
    }

    private static int lineEnd(String s, int i) {
        int end = s.indexOf('\n', i);
        return end < 0 ? s.length() : end;
    }

    private static int count(String s, int from, int to, char c) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }

    /** A short, one-line form of a statement for error messages. */
    static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
    }

}
