package dev.herald.governance.identity;

import dev.herald.server.Herald;
import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SQLite: one process serves the store, so the listening node is the writing one (in-process delivery). */
class SqliteRevocationFanoutTest extends RevocationFanoutContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    protected StoreExtension store() {
        return STORE;
    }

    @Override
    Herald nodeB() {
        return herald;
    }
}
