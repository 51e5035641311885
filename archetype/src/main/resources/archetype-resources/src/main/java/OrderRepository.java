package ${package};

import dev.serverlessmysql.ServerlessMysql;
import java.util.List;
import java.util.Optional;

/** Reads and writes orders in MySQL through the connection-managed client; every value travels as a bound parameter. */
public final class OrderRepository {

    private static final int PAGE_SIZE = 100;

    private final ServerlessMysql db;

    /** Creates a repository over a client that the caller owns and ends. */
    public OrderRepository(ServerlessMysql db) {
        this.db = db;
    }

    /** Stores a new order and returns it with its id. */
    public Order create(String customer, String item, int quantity) {
        return db.transaction(tx -> {
            tx.update("INSERT INTO orders (customer, item, quantity) VALUES (?, ?, ?)", customer, item, quantity);
            long id = tx.query("SELECT LAST_INSERT_ID()", rs -> rs.getLong(1)).get(0);
            return new Order(id, customer, item, quantity);
        });
    }

    /** The order with this id, if there is one. */
    public Optional<Order> find(long id) {
        return db.query("SELECT id, customer, item, quantity FROM orders WHERE id = ?", OrderRepository::toOrder, id)
                .stream().findFirst();
    }

    /** The newest orders, at most one page of them. */
    public List<Order> list() {
        return db.query("SELECT id, customer, item, quantity FROM orders ORDER BY id DESC LIMIT ?", OrderRepository::toOrder, PAGE_SIZE);
    }

    private static Order toOrder(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Order(rs.getLong("id"), rs.getString("customer"), rs.getString("item"), rs.getInt("quantity"));
    }
}
