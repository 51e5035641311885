package dev.serverlessmysql.test;

import javax.sql.DataSource;

/**
 * A test class's own database on a test server, with a non-privileged user that has rights on this database only,
 * as a production Lambda user would.
 */
public final class MySqlDatabase {

    private final MySqlServer server;
    private final String name;
    private final DatabaseUser user;
    private final String subprotocol;
    private final DataSource dataSource;
    private final DatabaseProvisioner provisioner;

    MySqlDatabase(MySqlServer server, String name, DatabaseUser user, DatabaseProvisioner provisioner) {
        this.server = server;
        this.name = name;
        this.user = user;
        this.provisioner = provisioner;
        this.subprotocol = DriverManagerDataSource.preferredSubprotocol();
        this.dataSource = new DriverManagerDataSource(this::jdbcUrl, user.name(), user.password());
    }

    /** The database (schema) name. */
    public String name() {
        return name;
    }

    /** The non-privileged user's name. */
    public String user() {
        return user.name();
    }

    /** The non-privileged user's password. */
    public String password() {
        return user.password();
    }

    /**
     * A JDBC URL for this database: {@code jdbc:mysql:} when MySQL Connector/J is on the classpath, otherwise
     * {@code jdbc:mariadb:}.
     */
    public String jdbcUrl() {
        return jdbcUrl(subprotocol);
    }

    /** A JDBC URL for this database in the given subprotocol, {@code mysql} or {@code mariadb}. */
    public String jdbcUrl(String subprotocol) {
        return server.jdbcUrl(subprotocol, name);
    }

    /** The server's version string, for example {@code 11.4.5-MariaDB} or {@code 8.4.6}. */
    public String serverVersion() {
        return server.version();
    }

    /** Which engine runs the server. */
    public Engine engine() {
        return server.engine();
    }

    /** The server this database lives on. */
    public MySqlServer server() {
        return server;
    }

    /** A data source that connects as the non-privileged user; every call opens a new connection. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A data source with full administrative rights on the server. */
    public DataSource adminDataSource() {
        return server.adminDataSource();
    }

    /** Creates another non-privileged user with rights on this database only; it is dropped with the database. */
    public DatabaseUser createUser() {
        return provisioner.createUser(name);
    }

    /** Puts the database back to the state its init scripts left it in. */
    public void reset() {
        provisioner.reset(name);
    }

    @Override
    public String toString() {
        return "MySqlDatabase[" + name + " as " + user.name() + " on " + server + "]";
    }
}
