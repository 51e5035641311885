-- The orders table. Apply it once to the production database; the tests run it against a fresh one.
CREATE TABLE orders (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer VARCHAR(100) NOT NULL,
  item VARCHAR(100) NOT NULL,
  quantity INT NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  CONSTRAINT quantity_positive CHECK (quantity > 0)
);
