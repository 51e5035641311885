package dev.serverlessmysql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The statements a view handed out, as HikariCP's proxy statements are: each is a proxy that reports what it ran
 * and how it failed to the view (so that the server's state and the client's rules stay in step with plain JDBC),
 * hands out the view rather than the driver's connection, and is closed, with its result sets, when the view is
 * released.
 */
final class ViewStatements {

    private final ManagedConnection view;
    private final List<Statement> open = Collections.synchronizedList(new ArrayList<>());

    ViewStatements(ManagedConnection view) {
        this.view = view;
    }

    /** Tracks {@code raw} and returns its proxy; {@code preparedSql} is the text of a prepared statement, or null. */
    <S extends Statement> S track(S raw, Class<S> type, String preparedSql) {
        open.add(raw);
        return type.cast(Proxy.newProxyInstance(ViewStatements.class.getClassLoader(), new Class<?>[] {type},
                new Handler(raw, preparedSql)));
    }

    /** Closes every statement still open, and so their result sets. */
    void closeAll() {
        List<Statement> toClose;
        synchronized (open) {
            toClose = new ArrayList<>(open);
            open.clear();
        }
        for (Statement s : toClose) {
            try {
                s.close();
            } catch (SQLException | RuntimeException ignored) {
                // closing is all that is left to do with it
            }
        }
    }

    private final class Handler implements InvocationHandler {
        private final Statement raw;
        private final String preparedSql;
        private String batchSql;
        private int batchTraits;

        Handler(Statement raw, String preparedSql) {
            this.raw = raw;
            this.preparedSql = preparedSql;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            String name = m.getName();
            switch (name) {
                case "getConnection":
                    return view;
                case "close":
                    open.remove(raw);
                    return call(m, args);
                case "unwrap":
                    return ((Class<?>) args[0]).isInstance(proxy) ? proxy : call(m, args);
                case "isWrapperFor":
                    return ((Class<?>) args[0]).isInstance(proxy) || (Boolean) call(m, args);
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "ViewStatement[" + raw + "]";
                case "addBatch":
                    if (args != null && args.length == 1 && args[0] instanceof String) {
                        batchSql = (String) args[0];
                        batchTraits |= Sql.traits(batchSql);
                    }
                    return call(m, args);
                case "clearBatch":
                    batchSql = null;
                    batchTraits = 0;
                    return call(m, args);
                default:
                    return name.startsWith("execute") ? execute(m, args, name) : call(m, args);
            }
        }

        private Object execute(Method m, Object[] args, String name) throws Throwable {
            boolean batch = name.endsWith("Batch");
            String sql = args != null && args.length > 0 && args[0] instanceof String ? (String) args[0]
                    : batch && preparedSql == null ? batchSql : preparedSql;
            int traits = batch && preparedSql == null ? batchTraits : sql == null ? Sql.traits("") : Sql.traits(sql);
            view.beforeExecute();
            boolean wasInTransaction = view.inTransaction();
            Object result;
            try {
                result = call(m, args);
            } catch (SQLException e) {
                view.failed(sql, traits, wasInTransaction, e);
                throw e;
            }
            view.executed(sql, traits, wasInTransaction);
            if (batch) {
                batchSql = null;
                batchTraits = 0;
            }
            return result;
        }

        private Object call(Method m, Object[] args) throws Throwable {
            try {
                return m.invoke(raw, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
