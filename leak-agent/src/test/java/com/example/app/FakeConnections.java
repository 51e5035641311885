package com.example.app;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;

/** Connections that only know whether they are closed: enough to test who owns them. */
public final class FakeConnections {

    private FakeConnections() {
    }

    public static Connection create() {
        AtomicBoolean closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(FakeConnections.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, a) -> switch (m.getName()) {
                    case "close" -> {
                        closed.set(true);
                        yield null;
                    }
                    case "isClosed" -> closed.get();
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    case "toString" -> "FakeConnection";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
