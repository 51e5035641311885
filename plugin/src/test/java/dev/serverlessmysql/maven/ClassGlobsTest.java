package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassGlobsTest {

    @Test
    void oneSyntaxForPackagesClassesAndSuffixes() {
        ClassGlobs g = new ClassGlobs(List.of("com.example.generated.**", "**.*Config", "com/example/Main.class",
                "com.example.dto.*"));
        assertTrue(g.matches("com.example.generated.Foo"));
        assertTrue(g.matches("com.example.generated.deep.Bar"));
        assertTrue(g.matches("com.example.AppConfig"));
        assertTrue(g.matches("AppConfig"));
        assertTrue(g.matches("com.example.Main"));
        assertTrue(g.matches("com.example.Main$Inner"));
        assertTrue(g.matches("com.example.dto.Order"));
        assertFalse(g.matches("com.example.dto.sub.Order"));
        assertFalse(g.matches("com.example.MainTest"));
        assertFalse(g.matches("com.example.Service"));
    }

    @Test
    void emptyMatchesNothing() {
        assertTrue(new ClassGlobs(null).isEmpty());
        assertFalse(new ClassGlobs(List.of()).matches("a.B"));
    }
}
