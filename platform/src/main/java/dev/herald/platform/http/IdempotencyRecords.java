package dev.herald.platform.http;

import dev.herald.platform.idempotency.Answer;
import dev.herald.platform.idempotency.AnswerStore;
import dev.herald.platform.idempotency.Fingerprint;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The answers of {@code Idempotency-Key} requests ({@code idempotency_records}), per scope. The key
 * is claimed by inserting the record before the write runs, so a concurrent request with the same
 * key blocks on the primary key and then fails with a unique violation.
 */
final class IdempotencyRecords implements AnswerStore<IdempotencyRecords.Scope> {
    private static final String JSON = "application/json";
    private final Clock clock;

    IdempotencyRecords(Clock clock) {
        this.clock = clock;
    }

    /**
     * Where a caller's keys live: its project for project and platform keys, the workspace for
     * admin keys. Two projects of one workspace never see each other's keys or answers.
     */
    record Scope(String workspaceId, String name) {
        static Scope of(KeyOwner caller) {
            return new Scope(caller.workspaceId(),
                    caller.projectId() == null ? "workspace" : "project:" + caller.projectId());
        }
    }

    @Override
    public String keyField() {
        return Idempotency.HEADER;
    }

    @Override
    public Optional<Kept> find(Handle h, Scope scope, String key) {
        return h.createQuery("SELECT status_code, body, fingerprint FROM idempotency_records "
                        + "WHERE workspace_id = :w AND scope = :s AND idempotency_key = :k")
                .bind("w", scope.workspaceId()).bind("s", scope.name()).bind("k", key)
                .map((rs, c) -> new Kept(new Fingerprint(rs.getString("fingerprint")),
                        // Status 0: claimed, its answer still being made after the write committed.
                        rs.getInt("status_code") == 0 ? null : new Answer(rs.getInt("status_code"), rs.getString("body"))))
                .findOne();
    }

    @Override
    public void claim(Handle h, Scope scope, String key, Fingerprint fingerprint) {
        h.createUpdate("INSERT INTO idempotency_records (workspace_id, scope, idempotency_key, fingerprint, "
                        + "status_code, content_type, body, created_at) VALUES (:w, :s, :k, :f, 0, NULL, NULL, :t)")
                .bind("w", scope.workspaceId()).bind("s", scope.name()).bind("k", key).bind("f", fingerprint.hex())
                .bind("t", clock.millis()).execute();
    }

    @Override
    public void keep(Handle h, Scope scope, String key, Fingerprint fingerprint, Answer answer) {
        h.createUpdate("UPDATE idempotency_records SET status_code = :s, content_type = :c, body = :b "
                        + "WHERE workspace_id = :w AND scope = :scope AND idempotency_key = :k AND status_code = 0")
                .bind("s", answer.status()).bind("c", JSON).bind("b", answer.json())
                .bind("w", scope.workspaceId()).bind("scope", scope.name()).bind("k", key).execute();
    }
}
