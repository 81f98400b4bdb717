package dev.herald.server.mcp;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link McpAuthContract} over a fresh PostgreSQL database (fails, never skips, when PostgreSQL is unavailable). */
class PostgresMcpAuthTest extends McpAuthContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
