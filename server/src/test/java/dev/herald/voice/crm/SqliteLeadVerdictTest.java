package dev.herald.voice.crm;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteLeadVerdictTest extends LeadVerdictContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
