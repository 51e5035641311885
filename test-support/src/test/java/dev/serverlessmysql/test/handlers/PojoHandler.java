package dev.serverlessmysql.test.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Takes and returns the application's own types, which live in each container's class loader. */
public final class PojoHandler implements RequestHandler<PojoHandler.Order, PojoHandler.Receipt> {

    /** The input. */
    public static final class Order {
        private int id;

        public int getId() {
            return id;
        }

        public void setId(int id) {
            this.id = id;
        }
    }

    /** The output. */
    public static final class Receipt {
        private String text;

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }
    }

    @Override
    public Receipt handleRequest(Order order, Context context) {
        Receipt receipt = new Receipt();
        receipt.setText("order " + order.getId() + " in " + Order.class.getClassLoader().getName());
        return receipt;
    }
}
