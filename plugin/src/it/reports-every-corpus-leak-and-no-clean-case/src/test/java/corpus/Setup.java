package corpus;

import dev.serverlessmysql.test.MySqlDatabase;

final class Setup {
    private Setup() {
    }

    static void db(MySqlDatabase db) {
        Db.url = db.jdbcUrl("mariadb");
        Db.user = db.user();
        Db.password = db.password();
    }

    /** Invokes a handler as a container does, several times in a row. */
    static void invoke(com.amazonaws.services.lambda.runtime.RequestHandler<String, Integer> h, int times) {
        for (int i = 0; i < times; i++) {
            if (h.handleRequest("in", null) != 1) {
                throw new AssertionError("SELECT 1 did not answer 1");
            }
        }
    }
}
