package dev.herald.platform.http;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link FieldErrorsContract} over a fresh PostgreSQL database. */
class PostgresFieldErrorsTest extends FieldErrorsContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
