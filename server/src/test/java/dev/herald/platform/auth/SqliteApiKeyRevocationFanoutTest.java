package dev.herald.platform.auth;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteApiKeyRevocationFanoutTest extends ApiKeyRevocationFanoutContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    StoreExtension store() {
        return STORE;
    }
}
