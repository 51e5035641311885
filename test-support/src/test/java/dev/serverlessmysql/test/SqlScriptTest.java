package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsOnSemicolonsOutsideQuotesAndComments() {
        List<SqlScript.Statement> statements = SqlScript.parse(
                "-- heading; not a statement\nSELECT 'a;b', \"c;d\", `e;f`;\n# hash; comment\nSELECT 2 /* x; y */;\n");
        assertEquals(List.of(new SqlScript.Statement("SELECT 'a;b', \"c;d\", `e;f`", 2), new SqlScript.Statement("SELECT 2", 4)),
                statements);
    }

    @Test
    void reportsTheLineWhereEachStatementStarts() {
        List<SqlScript.Statement> statements = SqlScript.parse("\n\nCREATE TABLE t (\n  id INT\n);\n\n/* multi\nline */\nINSERT INTO t VALUES (1);");
        assertEquals(3, statements.get(0).line());
        assertEquals(9, statements.get(1).line());
    }

    @Test
    void honoursDelimiterLinesForStoredPrograms() {
        List<SqlScript.Statement> statements = SqlScript.parse(
                "DELIMITER //\nCREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END//\nDELIMITER ;\nSELECT 1;");
        assertEquals(2, statements.size());
        assertTrue(statements.get(0).sql().endsWith("SET NEW.b = 2; END"), statements.get(0).sql());
        assertEquals(2, statements.get(0).line());
        assertEquals(new SqlScript.Statement("SELECT 1", 4), statements.get(1));
    }

    @Test
    void keepsEscapedAndDoubledQuotesInsideStrings() {
        List<SqlScript.Statement> statements = SqlScript.parse("INSERT INTO t VALUES ('it''s; ok', 'back\\'slash;');SELECT 3");
        assertEquals("INSERT INTO t VALUES ('it''s; ok', 'back\\'slash;')", statements.get(0).sql());
        assertEquals("SELECT 3", statements.get(1).sql());
    }

    @Test
    void keepsExecutableCommentHints() {
        assertEquals("/*!40101 SET NAMES utf8mb4 */", SqlScript.parse("/*!40101 SET NAMES utf8mb4 */;").get(0).sql());
    }

    @Test
    void aDoubleDashFollowedByATabIsAComment() {
        List<SqlScript.Statement> statements = SqlScript.parse("SELECT 1;\n--\tnote; with a semicolon\nSELECT 2;");
        assertEquals(List.of(new SqlScript.Statement("SELECT 1", 1), new SqlScript.Statement("SELECT 2", 3)), statements);
    }

    @Test
    void aDoubleDashAtTheEndOfALineIsAComment() {
        assertEquals(List.of(new SqlScript.Statement("SELECT 1", 1), new SqlScript.Statement("SELECT 2", 3)),
                SqlScript.parse("SELECT 1;\r\n--\r\nSELECT 2;"), "Windows line ends");
        assertEquals(List.of(new SqlScript.Statement("SELECT 1", 1)), SqlScript.parse("SELECT 1;\n--"), "the script's last line");
        assertEquals(List.of(new SqlScript.Statement("SELECT 1", 1), new SqlScript.Statement("SELECT 2", 2)),
                SqlScript.parse("SELECT 1; --\nSELECT 2;"), "after a statement");
    }

    @Test
    void aDoubleDashGluedToTextIsNotAComment() {
        // MySQL reads "1--1" as 1 - (-1): only a dash pair followed by whitespace or a control character starts a comment
        assertEquals(List.of(new SqlScript.Statement("SELECT 1--1", 1)), SqlScript.parse("SELECT 1--1;"));
    }

    @Test
    void rejectsAnEmptyDelimiter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqlScript.parse("SELECT 1;\nDELIMITER\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
