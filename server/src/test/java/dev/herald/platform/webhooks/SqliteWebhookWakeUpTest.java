package dev.herald.platform.webhooks;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteWebhookWakeUpTest extends WebhookWakeUpContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    StoreExtension store() {
        return STORE;
    }
}
