package dev.herald.server.ops;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link HostileInputContract} over a fresh PostgreSQL database. */
class PostgresHostileInputTest extends HostileInputContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
