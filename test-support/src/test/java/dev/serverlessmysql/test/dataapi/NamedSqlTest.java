package dev.serverlessmysql.test.dataapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedSqlTest {

    @Test
    void replacesEveryNamedParameterInOrder() {
        NamedSql sql = NamedSql.parse("SELECT * FROM t WHERE a = :a AND b IN (:b, :a) AND c=:c_1");
        assertEquals("SELECT * FROM t WHERE a = ? AND b IN (?, ?) AND c=?", sql.jdbcSql());
        assertEquals(List.of("a", "b", "a", "c_1"), sql.names());
    }

    @Test
    void leavesLiteralsIdentifiersCommentsAndAssignmentsAlone() {
        String text = "SELECT ':no', \"x:no\", `col:no`, 'it''s :no', 'a\\':no' -- :no\n"
                + "# :no\n/* :no */ @v := 1, '10:30:00', :yes";
        NamedSql sql = NamedSql.parse(text);
        assertEquals(List.of("yes"), sql.names());
        assertEquals(text.replace(":yes", "?"), sql.jdbcSql());
    }

    @Test
    void aColonInsideAWordOrBeforeADigitIsNoParameter() {
        NamedSql sql = NamedSql.parse("SELECT a:b, :1, ::x");
        assertEquals(List.of("x"), sql.names(), "only the name after the second colon starts a parameter");
        assertEquals("SELECT a:b, :1, :?", sql.jdbcSql());
    }
}
