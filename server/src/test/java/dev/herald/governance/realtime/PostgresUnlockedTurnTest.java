package dev.herald.governance.realtime;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUnlockedTurnTest extends UnlockedTurnContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
