package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GreetingHandlerTest {

    @Test
    void greetsByName() {
        assertEquals("hello, Ada", new GreetingHandler().handleRequest(Map.of("name", "Ada"), null));
    }

    @Test
    void shouts() {
        assertEquals("HELLO, ADA", new Greeter().shout("Ada"));
    }

    @Test
    void echoes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EchoHandler().handleRequest(new ByteArrayInputStream(new byte[] {1, 2}), out, null);
        assertEquals(2, out.size());
    }
}
