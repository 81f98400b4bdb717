package dev.herald.server;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ApiContract} over a fresh PostgreSQL database (fails, never skips, when PostgreSQL is unavailable). */
class PostgresApiTest extends ApiContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    StoreExtension store() {
        return STORE;
    }
}
