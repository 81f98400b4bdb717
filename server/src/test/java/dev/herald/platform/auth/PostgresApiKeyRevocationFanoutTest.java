package dev.herald.platform.auth;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresApiKeyRevocationFanoutTest extends ApiKeyRevocationFanoutContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    StoreExtension store() {
        return STORE;
    }
}
