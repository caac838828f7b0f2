INSERT INTO SHOP_COUNTER (name, issued) VALUES ('order', 0);
