package dev.herald.voice.profiles;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresProfileApiTest extends ProfileApiContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
