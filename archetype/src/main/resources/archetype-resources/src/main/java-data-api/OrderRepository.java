package ${package};

import dev.serverlessmysql.dataapi.DataApiClient;
import dev.serverlessmysql.dataapi.Row;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes orders through the Aurora Data API; every value travels as a named parameter. */
public final class OrderRepository {

    private static final int PAGE_SIZE = 100;

    private final DataApiClient db;

    /** Creates a repository over a client that the caller owns. */
    public OrderRepository(DataApiClient db) {
        this.db = db;
    }

    /** Stores a new order and returns it with its id. */
    public Order create(String customer, String item, int quantity) {
        long id = db.update("INSERT INTO orders (customer, item, quantity) VALUES (:customer, :item, :quantity)",
                Map.of("customer", customer, "item", item, "quantity", quantity)).generatedKey();
        return new Order(id, customer, item, quantity);
    }

    /** The order with this id, if there is one. */
    public Optional<Order> find(long id) {
        return db.query("SELECT id, customer, item, quantity FROM orders WHERE id = :id", OrderRepository::toOrder,
                Map.of("id", id)).stream().findFirst();
    }

    /** The newest orders, at most one page of them. */
    public List<Order> list() {
        return db.query("SELECT id, customer, item, quantity FROM orders ORDER BY id DESC LIMIT :limit",
                OrderRepository::toOrder, Map.of("limit", PAGE_SIZE));
    }

    private static Order toOrder(Row rs) {
        return new Order(rs.getLong("id"), rs.getString("customer"), rs.getString("item"), rs.getInt("quantity"));
    }
}
