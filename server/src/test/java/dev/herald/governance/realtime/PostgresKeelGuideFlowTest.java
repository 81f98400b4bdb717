package dev.herald.governance.realtime;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link KeelGuideFlowContract} over a fresh PostgreSQL database. */
class PostgresKeelGuideFlowTest extends KeelGuideFlowContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
