package dev.herald.platform.http;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link HttpEdgeContract} over embedded SQLite. */
class SqliteHttpEdgeTest extends HttpEdgeContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
