package dev.herald.platform.http;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link HttpEdgeContract} over a fresh PostgreSQL database. */
class PostgresHttpEdgeTest extends HttpEdgeContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
