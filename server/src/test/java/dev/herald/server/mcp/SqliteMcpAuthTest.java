package dev.herald.server.mcp;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link McpAuthContract} over embedded SQLite in a temporary directory. */
class SqliteMcpAuthTest extends McpAuthContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
