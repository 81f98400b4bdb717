package dev.herald.governance.realtime;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteUnlockedTurnTest extends UnlockedTurnContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
