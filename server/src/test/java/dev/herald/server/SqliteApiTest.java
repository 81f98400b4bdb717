package dev.herald.server;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ApiContract} over embedded SQLite in a temporary directory. */
class SqliteApiTest extends ApiContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    StoreExtension store() {
        return STORE;
    }
}
