package dev.herald.governance.identity;

import dev.herald.server.Herald;
import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL: node B is a second server on the same database, reached through LISTEN/NOTIFY. */
class PostgresRevocationFanoutTest extends RevocationFanoutContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();
    private Herald nodeB;

    @Override
    protected StoreExtension store() {
        return STORE;
    }

    @BeforeAll
    void startNodeB() {
        nodeB = Herald.start(STORE.config());
    }

    @AfterAll
    void stopNodeB() {
        nodeB.close();
    }

    @Override
    Herald nodeB() {
        return nodeB;
    }
}
