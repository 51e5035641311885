package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** report.json is written with Gson's streaming writer, and reads exactly as Gson's object binding wrote it. */
class ReportFilesTest {

    @Test
    void jsonIsTheTextGsonsBindingWrites() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("module", "orders-service");
        root.put("passed", false);
        root.put("nothing", null);
        root.put("int", 27);
        root.put("long", 2_800_000_000L);
        root.put("negative", -1);
        root.put("ratio", BigDecimal.valueOf(27).divide(BigDecimal.valueOf(29), MathContext.DECIMAL64));
        root.put("exact", new BigDecimal("0.50"));
        root.put("one", BigDecimal.ONE);
        root.put("text", "quotes \" backslash \\ tab \t newline \n bell \u0007 html <a href='x'>&amp;</a> = "
                + "unicode é \u2028 \u2029 emoji \uD83D\uDE00");
        root.put("empty list", List.of());
        root.put("empty map", new LinkedHashMap<>());
        List<Object> list = new ArrayList<>();
        list.add("a");
        list.add(null);
        list.add(1);
        list.add(true);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("kind", "LEAKED_CONNECTION");
        nested.put("line", 42);
        nested.put("builtAt", null);
        list.add(nested);
        list.add(List.of(List.of()));
        root.put("list", list);

        StringWriter streamed = new StringWriter();
        ReportFiles.json(root, streamed);
        String bound = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create()
                .toJson(root);
        assertEquals(bound, streamed.toString());
    }

    @Test
    void aValueJsonHasNoFormForIsRefusedNotWrittenAsSomethingElse() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("when", new Object());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportFiles.json(root, new StringWriter()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }
}
