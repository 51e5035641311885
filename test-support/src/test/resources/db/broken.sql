CREATE TABLE fine (id INT PRIMARY KEY);

-- the next statement is wrong on purpose
INSERT INTO fine (id)
  VALUES (1), (2;
