package dev.herald.platform.http;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link FieldErrorsContract} over embedded SQLite. */
class SqliteFieldErrorsTest extends FieldErrorsContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
