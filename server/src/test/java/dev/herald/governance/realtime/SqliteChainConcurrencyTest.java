package dev.herald.governance.realtime;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ChainConcurrencyContract} over embedded SQLite. */
class SqliteChainConcurrencyTest extends ChainConcurrencyContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    StoreExtension store() {
        return STORE;
    }
}
