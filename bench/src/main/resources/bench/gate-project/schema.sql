CREATE TABLE orders (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer VARCHAR(40) NOT NULL,
  cents INT NOT NULL,
  KEY by_customer (customer)
);
