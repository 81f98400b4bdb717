package dev.herald.voice.profiles;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteProfileApiTest extends ProfileApiContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
