package dev.herald.server.testing;

import dev.herald.server.Herald;
import dev.herald.server.HeraldConfig;
import dev.herald.server.Services;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the HTTP contract tests: one real Herald per test class over the subclass's store,
 * with a client that validates every response against the OpenAPI document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RunningHerald {
    protected Herald herald;
    protected Http http;

    /** The store this class runs against (a {@code StoreExtension} registered by the subclass). */
    protected abstract StoreExtension store();

    /**
     * Realtime session hooks of the test class's own, fixed when the server starts (hooks cannot
     * be added to a running server); none by default.
     */
    protected Services.RealtimeExtensions realtimeExtensions() {
        return Services.RealtimeExtensions.NONE;
    }

    /** The configuration the server starts with: the store's own, by default. */
    protected HeraldConfig config() {
        return store().config();
    }

    @BeforeAll
    void startServer() {
        herald = Herald.start(config(), List.of(), realtimeExtensions());
        http = Http.validating(herald.baseUrl());
    }

    @AfterAll
    void stopServer() {
        herald.close();
    }
}
