INSERT INTO customer (name) VALUES ('Linus');
