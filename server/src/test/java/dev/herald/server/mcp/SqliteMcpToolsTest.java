package dev.herald.server.mcp;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link McpToolsContract} over embedded SQLite in a temporary directory. */
class SqliteMcpToolsTest extends McpToolsContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
