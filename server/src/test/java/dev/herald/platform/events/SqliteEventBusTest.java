package dev.herald.platform.events;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The in-process bus of a SQLite store. */
class SqliteEventBusTest extends EventBusContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    StoreExtension store() {
        return STORE;
    }
}
