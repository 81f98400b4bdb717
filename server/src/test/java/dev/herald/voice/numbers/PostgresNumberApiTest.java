package dev.herald.voice.numbers;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresNumberApiTest extends NumberApiContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
