package ${package};

/**
 * An order as stored and as returned by the API.
 *
 * @param id the order's id, assigned by the database
 * @param customer who ordered
 * @param item what was ordered
 * @param quantity how many, at least 1
 */
public record Order(long id, String customer, String item, int quantity) {
}
