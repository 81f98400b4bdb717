package dev.herald.server.mcp;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link McpToolsContract} over a fresh PostgreSQL database (fails, never skips, when PostgreSQL is unavailable). */
class PostgresMcpToolsTest extends McpToolsContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
