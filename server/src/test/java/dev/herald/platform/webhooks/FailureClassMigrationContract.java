package dev.herald.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platform.store.Database;
import dev.herald.server.testing.StoreExtension;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Delivery logs written before failures were classed kept the socket's message; the migration
 * leaves only the class. Runs the schema up to the version before it, writes old rows, migrates.
 */
abstract class FailureClassMigrationContract {
    abstract StoreExtension store();

    @Test
    void oldSocketMessagesBecomeFailureClasses() {
        Flyway.configure(Database.class.getClassLoader()).dataSource(store().databaseUrl(), null, null)
                .locations("classpath:db/migration/common").target("23").load().migrate();
        Jdbi jdbi = Jdbi.create(store().databaseUrl());
        List<String> old = List.of("receiver answered 500", "receiver answered 302",
                "timed out after 15000 ms", "request failed: ConnectException Connection refused",
                "request failed: SSLHandshakeException PKIX path building failed", "interrupted (node stopping)");
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO webhook_endpoints (id, workspace_id, url, event_types, status, secret_enc, created_at, "
                    + "updated_at) VALUES ('whe_1', 'ws_1', 'http://10.0.0.1/', '*', 'enabled', 'v1:x', 0, 0)");
            for (int i = 0; i < old.size(); i++) {
                h.execute("INSERT INTO webhook_deliveries (id, workspace_id, endpoint_id, event_type, payload, status, "
                        + "attempts, run_attempts, next_attempt_at, last_error, created_at, updated_at) "
                        + "VALUES (?, 'ws_1', 'whe_1', 'session.ended', '{}', 'failed', 1, 1, 0, ?, 0, 0)", "msg_" + i, old.get(i));
                h.execute("INSERT INTO webhook_attempts (delivery_id, attempt_no, attempted_at, error, duration_ms, manual) "
                        + "VALUES (?, 1, 0, ?, 1, 0)", "msg_" + i, old.get(i));
            }
        });
        try (Database db = Database.open(store().databaseUrl(), 2, null)) {
            db.migrate();
        }
        List<String> expected = java.util.Arrays.asList(null, "redirect", "timeout", "connect_failed", "tls_failed",
                "connect_failed");
        jdbi.useHandle(h -> {
            assertThat(h.createQuery("SELECT error FROM webhook_attempts ORDER BY delivery_id").mapTo(String.class).list())
                    .containsExactlyElementsOf(expected);
            assertThat(h.createQuery("SELECT last_error FROM webhook_deliveries ORDER BY id").mapTo(String.class).list())
                    .containsExactlyElementsOf(expected);
        });
    }
}
