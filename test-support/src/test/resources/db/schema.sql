-- Orders schema used by the test-support tests.
# a hash comment, too
CREATE TABLE customer (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  name VARCHAR(100) NOT NULL /* inline comment; with a semicolon */
);

CREATE TABLE orders (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  customer_id BIGINT NOT NULL,
  note VARCHAR(200) DEFAULT 'it''s; fine',
  total DECIMAL(10,2) NOT NULL,
  total_with_tax DECIMAL(10,2) AS (total * 1.2) VIRTUAL,
  CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
);

CREATE TABLE audit (id BIGINT PRIMARY KEY AUTO_INCREMENT, what VARCHAR(50));

CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;

DELIMITER //
CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW
BEGIN
  INSERT INTO audit (what) VALUES (CONCAT('order ', NEW.id));
END//
DELIMITER ;

INSERT INTO customer (name) VALUES ('Ada'), ('Grace');
INSERT INTO orders (customer_id, total) VALUES (1, 50.00), (2, 150.00);
