package dev.serverlessmysql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A test driver around the real one: it records the SQL text of every statement the client runs, and can run a
 * hook before a statement reaches the server (to stage races such as another client killing a session first).
 */
final class InterceptingDriver implements Driver {

    /** Runs before a statement; may throw to fail it. */
    interface Hook {
        void before(String sql) throws SQLException;
    }

    final List<String> statements = new CopyOnWriteArrayList<>();
    /** Connect attempts that reached the real driver, failed ones included. */
    final AtomicInteger connectAttempts = new AtomicInteger();
    private final Driver real;
    private volatile Hook hook = sql -> { };
    private volatile Hook connectionHook = method -> { };

    InterceptingDriver(String url) throws SQLException {
        this.real = DriverManager.getDriver(url);
    }

    /** Runs before every statement execution, plain or prepared, with the statement's SQL text. */
    void hook(Hook hook) {
        this.hook = hook;
    }

    /** Runs before every call of a {@link Connection} method, with the method's name (to fail a rollback, say). */
    void connectionHook(Hook hook) {
        this.connectionHook = hook;
    }

    long count(String prefix) {
        return statements.stream().filter(s -> s.startsWith(prefix)).count();
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        connectAttempts.incrementAndGet();
        Connection c = real.connect(url, info);
        return c == null ? null : (Connection) proxy(Connection.class, c, this::onConnectionCall);
    }

    private Object onConnectionCall(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        connectionHook.before(m.getName());
        boolean prepared = (m.getName().equals("prepareStatement") || m.getName().equals("prepareCall")) && args != null;
        if (prepared) {
            statements.add((String) args[0]);
        }
        Object result = invoke(target, m, args);
        if (result instanceof Statement && m.getName().equals("createStatement")) {
            return proxy(Statement.class, result, this::onStatementCall);
        }
        if (prepared && result instanceof PreparedStatement) {
            String sql = (String) args[0];
            Class<?> type = result instanceof CallableStatement ? CallableStatement.class : PreparedStatement.class;
            return proxy(type, result, (t, pm, pargs) -> {
                if (pm.getName().startsWith("execute") && (pargs == null || pargs.length == 0)) {
                    hook.before(sql);
                }
                return invoke(t, pm, pargs);
            });
        }
        return result;
    }

    private Object onStatementCall(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        if (m.getName().startsWith("execute") && args != null && args.length > 0 && args[0] instanceof String) {
            String sql = (String) args[0];
            statements.add(sql);
            hook.before(sql);
        }
        return invoke(target, m, args);
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private interface Call {
        Object on(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable;
    }

    private static Object proxy(Class<?> type, Object target, Call call) {
        InvocationHandler h = (p, m, args) -> {
            if (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
                return invoke(target, m, args);
            }
            return call.on(target, m, args);
        };
        return Proxy.newProxyInstance(InterceptingDriver.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return real.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return real.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return real.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return real.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return real.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return real.getParentLogger();
    }

}
