package dev.herald.voice.crm;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresLeadApiTest extends LeadApiContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
