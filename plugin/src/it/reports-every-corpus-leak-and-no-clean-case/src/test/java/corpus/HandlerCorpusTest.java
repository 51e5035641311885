package corpus;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MySqlTest
class HandlerCorpusTest {

    @BeforeEach
    void setUp(MySqlDatabase db) {
        Setup.db(db);
    }

    @Test
    void leak_connectionPerInvocation() {
        Setup.invoke(new Handlers.ConnectionPerInvocation(), 3);
    }

    @Test
    void clean_connectionPerInvocationClosed() {
        Setup.invoke(new Handlers.ConnectionPerInvocationClosed(), 3);
    }
}
