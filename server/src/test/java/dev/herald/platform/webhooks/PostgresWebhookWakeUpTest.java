package dev.herald.platform.webhooks;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresWebhookWakeUpTest extends WebhookWakeUpContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    StoreExtension store() {
        return STORE;
    }
}
