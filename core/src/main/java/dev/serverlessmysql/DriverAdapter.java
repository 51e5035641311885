package dev.serverlessmysql;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * What the driver itself knows about the server session, reached through each driver's own API: the status flags of
 * the last OK packet (the server's in-transaction and autocommit flags, sent with every reply at no cost) and the
 * driver's COM_RESET_CONNECTION call. No driver class is named at compile time: the methods are looked up once per
 * connection class, and a driver that has none of them gets {@link #NONE}, under which the client falls back to
 * reading SQL text.
 *
 * <p>MySQL Connector/J: {@code JdbcConnection.getSession().getServerSession().getStatusFlags()} and
 * {@code resetServerState()} (which does nothing under {@code paranoid=true}). MariaDB Connector/J:
 * {@code Connection.getContext().getServerStatus()} and {@code reset()}, which sends COM_RESET_CONNECTION only with
 * {@code useResetConnection=true} (the client sets it unless told otherwise) and only to MariaDB 10.3.13 or later;
 * against MySQL it cannot reset, so the client closes a changed connection instead.
 */
abstract class DriverAdapter {

    /** SERVER_STATUS_IN_TRANS: a transaction is open. The same bit in MySQL's and MariaDB's protocol. */
    static final int IN_TRANSACTION = 1;
    /** SERVER_STATUS_AUTOCOMMIT: autocommit is on. */
    static final int AUTOCOMMIT = 2;
    /** {@link #status(Connection)} when the driver does not say. */
    static final int UNKNOWN = -1;

    /** The adapter for drivers this class does not know: no flags, no reset. */
    static final DriverAdapter NONE = new DriverAdapter("none") {
        @Override
        int status(Connection c) {
            return UNKNOWN;
        }

        @Override
        boolean reset(Connection c) {
            return false;
        }
    };

    private static final ClassValue<DriverAdapter> BY_CLASS = new ClassValue<>() {
        @Override
        protected DriverAdapter computeValue(Class<?> type) {
            return find(type);
        }
    };

    private final String name;

    private DriverAdapter(String name) {
        this.name = name;
    }

    /** The adapter for a connection of the given driver. */
    static DriverAdapter of(Connection c) {
        Connection nativeConnection = unwrapped(c);
        return nativeConnection == null ? NONE : BY_CLASS.get(nativeConnection.getClass());
    }

    /**
     * Driver properties the client relies on, unless the URL or the user set them: MariaDB Connector/J resets a
     * session only with {@code useResetConnection}, and reports every key of a multi-row insert only with
     * {@code returnMultiValuesGeneratedIds}.
     */
    static void addProperties(String jdbcUrl, Properties properties) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!url.contains(":mariadb:")) {
            return;
        }
        for (String key : new String[] {"useResetConnection", "returnMultiValuesGeneratedIds"}) {
            if (!url.contains(key.toLowerCase(Locale.ROOT) + "=") && !properties.containsKey(key)) {
                properties.setProperty(key, "true");
            }
        }
    }

    /** The status flags of the server's last OK packet ({@link #IN_TRANSACTION}, {@link #AUTOCOMMIT}), or UNKNOWN. */
    abstract int status(Connection c);

    /**
     * Resets the session with COM_RESET_CONNECTION (user and session variables, temporary tables, prepared statements,
     * an open transaction) and puts the driver's own settings back. Returns false, having done nothing, when this
     * driver cannot do it for this server.
     */
    abstract boolean reset(Connection c) throws SQLException;

    String name() {
        return name;
    }

    @Override
    public String toString() {
        return "DriverAdapter[" + name + "]";
    }

    /** The driver's own connection object behind any wrapper that forwards {@code unwrap}. */
    private static Connection unwrapped(Connection c) {
        for (String type : new String[] {MySql.CONNECTION, MariaDb.CONNECTION}) {
            try {
                Class<?> iface = Class.forName(type, false, c.getClass().getClassLoader());
                if (c.isWrapperFor(iface)) {
                    return (Connection) c.unwrap(iface);
                }
            } catch (ClassNotFoundException | LinkageError | SQLException | RuntimeException e) {
                // not this driver
            }
        }
        return null;
    }

    private static DriverAdapter find(Class<?> type) {
        try {
            ClassLoader loader = type.getClassLoader();
            if (isA(type, MySql.CONNECTION, loader)) {
                return new MySql(loader);
            }
            if (isA(type, MariaDb.CONNECTION, loader)) {
                return new MariaDb(loader);
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // a driver version whose internals moved: fall back to SQL text
        }
        return NONE;
    }

    private static boolean isA(Class<?> type, String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader).isAssignableFrom(type);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Throwable rethrow(Throwable t) throws SQLException {
        if (t instanceof SQLException) {
            throw (SQLException) t;
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return t;
    }

    /** MySQL Connector/J 8 and later. */
    private static final class MySql extends DriverAdapter {
        static final String CONNECTION = "com.mysql.cj.jdbc.JdbcConnection";
        private final Class<?> connectionType;
        private final MethodHandle statusFlags;
        private final MethodHandle resetServerState;
        private final MethodHandle paranoid;

        MySql(ClassLoader loader) throws ReflectiveOperationException {
            super("MySQL Connector/J");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            connectionType = Class.forName(CONNECTION, false, loader);
            Class<?> mysqlConnection = Class.forName("com.mysql.cj.MysqlConnection", false, loader);
            Class<?> session = Class.forName("com.mysql.cj.Session", false, loader);
            Class<?> serverSession = Class.forName("com.mysql.cj.protocol.ServerSession", false, loader);
            MethodHandle getSession = lookup.findVirtual(mysqlConnection, "getSession", MethodType.methodType(session));
            MethodHandle getServerSession = lookup.findVirtual(session, "getServerSession",
                    MethodType.methodType(serverSession));
            MethodHandle getStatusFlags = lookup.findVirtual(serverSession, "getStatusFlags",
                    MethodType.methodType(int.class));
            statusFlags = MethodHandles.filterReturnValue(MethodHandles.filterReturnValue(getSession, getServerSession),
                    getStatusFlags).asType(MethodType.methodType(int.class, Object.class));
            resetServerState = lookup.findVirtual(connectionType, "resetServerState", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            Class<?> propertySet = Class.forName("com.mysql.cj.conf.PropertySet", false, loader);
            Class<?> runtimeProperty = Class.forName("com.mysql.cj.conf.RuntimeProperty", false, loader);
            MethodHandle getPropertySet = lookup.findVirtual(connectionType, "getPropertySet",
                    MethodType.methodType(Class.forName("com.mysql.cj.jdbc.JdbcPropertySet", false, loader)));
            MethodHandle getBoolean = MethodHandles.insertArguments(lookup.findVirtual(propertySet, "getBooleanProperty",
                    MethodType.methodType(runtimeProperty, String.class)), 1, "paranoid");
            MethodHandle getValue = lookup.findVirtual(runtimeProperty, "getValue", MethodType.methodType(Object.class));
            paranoid = MethodHandles.filterReturnValue(MethodHandles.filterReturnValue(
                    getPropertySet.asType(MethodType.methodType(propertySet, connectionType)), getBoolean), getValue)
                    .asType(MethodType.methodType(Object.class, Object.class));
        }

        @Override
        int status(Connection c) {
            try {
                return (int) statusFlags.invokeExact((Object) c.unwrap(connectionType));
            } catch (Throwable t) {
                return UNKNOWN;
            }
        }

        @Override
        boolean reset(Connection c) throws SQLException {
            Object target = c.unwrap(connectionType);
            try {
                if (Boolean.TRUE.equals(paranoid.invokeExact(target))) {
                    return false;
                }
            } catch (Throwable t) {
                return false;
            }
            try {
                resetServerState.invokeExact(target);
                return true;
            } catch (Throwable t) {
                throw new SQLException("The driver's resetServerState() failed: " + rethrow(t), "08000", t);
            }
        }
    }

    /** MariaDB Connector/J 3. */
    private static final class MariaDb extends DriverAdapter {
        static final String CONNECTION = "org.mariadb.jdbc.Connection";
        private final Class<?> connectionType;
        private final MethodHandle context;
        private final MethodHandle serverStatus;
        private final MethodHandle version;
        private final MethodHandle isMariaDbServer;
        private final MethodHandle versionAtLeast;
        private final MethodHandle configuration;
        private final MethodHandle useResetConnection;
        private final MethodHandle reset;

        MariaDb(ClassLoader loader) throws ReflectiveOperationException {
            super("MariaDB Connector/J");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            connectionType = Class.forName(CONNECTION, false, loader);
            Class<?> contextType = Class.forName("org.mariadb.jdbc.client.Context", false, loader);
            Class<?> versionType = Class.forName("org.mariadb.jdbc.client.ServerVersion", false, loader);
            Class<?> configurationType = Class.forName("org.mariadb.jdbc.Configuration", false, loader);
            context = generic(lookup.findVirtual(connectionType, "getContext", MethodType.methodType(contextType)));
            serverStatus = generic(lookup.findVirtual(contextType, "getServerStatus", MethodType.methodType(int.class)));
            version = generic(lookup.findVirtual(contextType, "getVersion", MethodType.methodType(versionType)));
            isMariaDbServer = generic(lookup.findVirtual(versionType, "isMariaDBServer",
                    MethodType.methodType(boolean.class)));
            versionAtLeast = generic(lookup.findVirtual(versionType, "versionGreaterOrEqual",
                    MethodType.methodType(boolean.class, int.class, int.class, int.class)));
            configuration = generic(lookup.findVirtual(contextType, "getConf", MethodType.methodType(configurationType)));
            useResetConnection = generic(lookup.findVirtual(configurationType, "useResetConnection",
                    MethodType.methodType(boolean.class)));
            reset = generic(lookup.findVirtual(connectionType, "reset", MethodType.methodType(void.class)));
        }

        /** The handle with every reference type erased to Object, so that it can be invoked exactly. */
        private static MethodHandle generic(MethodHandle h) {
            MethodType t = h.type();
            for (int i = 0; i < t.parameterCount(); i++) {
                if (!t.parameterType(i).isPrimitive()) {
                    t = t.changeParameterType(i, Object.class);
                }
            }
            if (!t.returnType().isPrimitive()) {
                t = t.changeReturnType(Object.class);
            }
            return h.asType(t);
        }

        @Override
        int status(Connection c) {
            try {
                Object ctx = (Object) context.invokeExact((Object) c.unwrap(connectionType));
                return (int) serverStatus.invokeExact(ctx);
            } catch (Throwable t) {
                return UNKNOWN;
            }
        }

        /**
         * The driver sends COM_RESET_CONNECTION only with {@code useResetConnection} and only to MariaDB 10.3.13 or
         * later; otherwise its {@code reset()} would only roll back, and the session state would stay.
         */
        @Override
        boolean reset(Connection c) throws SQLException {
            Object target = c.unwrap(connectionType);
            try {
                Object ctx = (Object) context.invokeExact(target);
                Object v = (Object) version.invokeExact(ctx);
                Object conf = (Object) configuration.invokeExact(ctx);
                if (!(boolean) isMariaDbServer.invokeExact(v) || !(boolean) versionAtLeast.invokeExact(v, 10, 3, 13)
                        || !(boolean) useResetConnection.invokeExact(conf)) {
                    return false;
                }
            } catch (Throwable t) {
                return false;
            }
            try {
                reset.invokeExact(target);
                return true;
            } catch (Throwable t) {
                throw new SQLException("The driver's reset() failed: " + rethrow(t), "08000", t);
            }
        }
    }
}
