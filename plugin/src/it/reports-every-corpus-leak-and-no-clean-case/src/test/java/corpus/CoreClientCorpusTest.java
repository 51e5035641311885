package corpus;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MySqlTest
class CoreClientCorpusTest {

    @BeforeEach
    void setUp(MySqlDatabase db) {
        Setup.db(db);
    }

    @Test
    void leak_newClientPerInvocation() {
        Setup.invoke(new Handlers.CoreClientPerInvocation(), 3);
    }

    @Test
    void clean_oneClientPerContainerWithEnd() {
        Setup.invoke(new Handlers.CoreClient(), 3);
    }

    @Test
    void clean_newClientPerInvocationClosed() {
        Setup.invoke(new Handlers.CoreClientPerInvocationClosed(), 3);
    }

    @Test
    void clean_clientDataSourceClosed() {
        Setup.invoke(new Handlers.CoreClientDataSource(), 3);
    }

    @Test
    void clean_declaredClientKeepsOne() {
        Setup.invoke(new Handlers.Shared(), 3);
    }
}
