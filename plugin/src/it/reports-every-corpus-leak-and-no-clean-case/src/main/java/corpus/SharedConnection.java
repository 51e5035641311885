package corpus;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A hand-written client declared in clients: one connection per container, reused. */
public class SharedConnection {
    private Connection connection;

    public synchronized Connection get() throws SQLException {
        if (connection == null || !connection.isValid(2)) {
            connection = DriverManager.getConnection(Db.url, Db.user, Db.password);
        }
        return connection;
    }
}
