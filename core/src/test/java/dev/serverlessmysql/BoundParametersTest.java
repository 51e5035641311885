package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Values reach SQL only through bound parameters: a scan of the client's main sources for SQL text (a string literal
 * with an SQL keyword) joined to anything that is not another literal or a constant, by {@code +}, by
 * {@code String.format} or by {@code StringBuilder.append}. The exceptions are listed, each with its reason.
 */
@Timeout(30)
class BoundParametersTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/serverlessmysql");
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern SQL = Pattern.compile(
            "\\b(SELECT|INSERT|UPDATE|DELETE|REPLACE|KILL|SET|SHOW|CALL|DO|GRANT|CREATE|DROP|ALTER|LOAD|HANDLER)\\b");
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern BUILDER = Pattern.compile("(\\w+)\\s*=\\s*new StringBuilder\\(\\s*(\"(?:[^\"\\\\]|\\\\.)*\")");

    /** Source file and joined expression that may reach SQL text, with why each is safe. */
    private static final Set<String> ALLOWED = Set.of(
            // KILL takes no bound parameter in MySQL; the id is a long read from the process list
            "ZombieKiller.java: id",
            // the isolation level is one of the enum's four fixed keyword texts, never a value
            "TransactionOptions.java: isolation.sql()");

    @Test
    void theClientBuildsNoSqlFromValues() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                for (String joined : joinedIntoSql(Files.readString(p))) {
                    found.add(p.getFileName() + ": " + joined);
                }
            }
        }
        assertTrue(found.containsAll(ALLOWED), "the scan no longer sees the documented exceptions: " + found);
        found.removeAll(ALLOWED);
        assertEquals(List.of(), found, "SQL built from values instead of bound parameters");
    }

    @Test
    void theScanFindsEveryWayOfPastingAValueIntoSql() {
        assertEquals(List.of("id"), joinedIntoSql("q(\"SELECT * FROM t WHERE id = \" + id);"));
        assertEquals(List.of("name"), joinedIntoSql("q(\"DELETE FROM t WHERE a = '\" + name + \"'\");"));
        assertEquals(List.of("table()"), joinedIntoSql("q(\"UPDATE \" + table() + \" SET a = ?\");"));
        assertEquals(List.of("String.format"), joinedIntoSql("q(String.format(\"KILL %d\", id));"));
        assertEquals(List.of("v"), joinedIntoSql("StringBuilder b = new StringBuilder(\"INSERT INTO t \"); b.append(v);"));
        assertEquals(List.of(), joinedIntoSql("q(\"SELECT a FROM t WHERE id = ?\", id);"));
        assertEquals(List.of(), joinedIntoSql("String s = \"SELECT a\" + \" FROM t\" + WHERE_CLAUSE;"));
        assertEquals(List.of(), joinedIntoSql("// q(\"SELECT \" + id)\nthrow new E(\"could not SET it: \" + e);"),
                "comments and lower-case messages are not SQL");
    }

    /** The expressions joined to SQL text in {@code source}, comments left out. */
    static List<String> joinedIntoSql(String source) {
        String code = withoutComments(source);
        // keyed by where the operand starts, so that an operand between two SQL literals counts once
        Map<Integer, String> joined = new TreeMap<>();
        Matcher m = LITERAL.matcher(code);
        while (m.find()) {
            String literal = m.group();
            if (!SQL.matcher(literal).find() || looksLikeMessage(literal)) {
                continue;
            }
            operandAfter(code, m.end(), joined);
            operandBefore(code, m.start(), joined);
            if (literal.contains("%") && code.substring(Math.max(0, m.start() - 16), m.start()).contains("format(")) {
                joined.put(m.start(), "String.format");
            }
        }
        List<String> out = new ArrayList<>(joined.values());
        Matcher b = BUILDER.matcher(code);
        while (b.find()) {
            if (SQL.matcher(b.group(2)).find()) {
                Matcher append = Pattern.compile("\\b" + b.group(1) + "\\.append\\(([^;]*?)\\)(?:\\.append\\(([^;]*?)\\))*;")
                        .matcher(code);
                while (append.find()) {
                    for (String arg : appendedArguments(append.group())) {
                        out.add(arg);
                    }
                }
            }
        }
        return out;
    }

    /** SQL keywords inside an English sentence (a message) start with a lower-case word. */
    private static boolean looksLikeMessage(String literal) {
        String body = literal.substring(1, literal.length() - 1).strip();
        return !body.isEmpty() && Character.isLowerCase(body.charAt(0));
    }

    private static List<String> appendedArguments(String chain) {
        List<String> out = new ArrayList<>();
        Matcher a = Pattern.compile("\\.append\\(").matcher(chain);
        while (a.find()) {
            int end = closing(chain, a.end());
            String arg = chain.substring(a.end(), end).strip();
            if (!isSafe(arg)) {
                out.add(arg);
            }
        }
        return out;
    }

    /** A literal, a constant, or a choice between literals. */
    private static boolean isSafe(String expression) {
        String rest = LITERAL.matcher(expression).replaceAll("").replaceAll("[?:\\s]", "");
        if (rest.isEmpty()) {
            return true;
        }
        String condition = expression.contains("?") ? expression.substring(0, expression.indexOf('?')).strip() : null;
        if (condition != null && LITERAL.matcher(expression.substring(expression.indexOf('?') + 1)).replaceAll("")
                .replaceAll("[:\\s]", "").isEmpty()) {
            return true;
        }
        return CONSTANT.matcher(expression.strip()).matches();
    }

    private static void operandAfter(String code, int i, Map<Integer, String> joined) {
        int j = skipSpace(code, i);
        if (j >= code.length() || code.charAt(j) != '+') {
            return;
        }
        j = skipSpace(code, j + 1);
        if (code.charAt(j) == '"') {
            return;
        }
        int end = j;
        while (end < code.length() && (Character.isJavaIdentifierPart(code.charAt(end)) || code.charAt(end) == '.'
                || code.charAt(end) == '(')) {
            end = code.charAt(end) == '(' ? closing(code, end + 1) + 1 : end + 1;
        }
        String operand = code.substring(j, end);
        if (!CONSTANT.matcher(operand).matches()) {
            joined.put(j, operand);
        }
    }

    private static void operandBefore(String code, int i, Map<Integer, String> joined) {
        int j = i - 1;
        while (j >= 0 && Character.isWhitespace(code.charAt(j))) {
            j--;
        }
        if (j < 0 || code.charAt(j) != '+') {
            return;
        }
        j--;
        while (j >= 0 && Character.isWhitespace(code.charAt(j))) {
            j--;
        }
        if (j < 0 || code.charAt(j) == '"') {
            return;
        }
        int end = j + 1;
        while (j >= 0 && (Character.isJavaIdentifierPart(code.charAt(j)) || code.charAt(j) == '.'
                || code.charAt(j) == ')' || code.charAt(j) == '(')) {
            j--;
        }
        String operand = code.substring(j + 1, end);
        if (!CONSTANT.matcher(operand).matches()) {
            joined.put(j + 1, operand);
        }
    }

    private static int skipSpace(String code, int i) {
        while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index of the parenthesis closing the one just before {@code from}. */
    private static int closing(String code, int from) {
        int depth = 1;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"') {
                Matcher m = LITERAL.matcher(code);
                if (m.find(i) && m.start() == i) {
                    i = m.end() - 1;
                    continue;
                }
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return code.length();
    }

    /** The source with comments blanked out, string literals kept. */
    private static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, source.length());
                out.append(source, i, end);
                i = end;
            } else if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
