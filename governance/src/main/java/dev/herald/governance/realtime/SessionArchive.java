package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.store.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * Realtime's side of {@link SealedSessions}: closed sessions read from the session rows, their
 * chains and their tool-call permits, for the attestation. Thread-safe.
 */
public final class SessionArchive implements SealedSessions {
    private final Database db;
    private final SessionStore store;
    private final SessionLedger ledger;

    public SessionArchive(Database db, SessionStore store, SessionLedger ledger) {
        this.db = db;
        this.store = store;
        this.ledger = ledger;
    }

    @Override
    public SealedSession sealed(String sessionId) {
        return db.read(h -> {
            record Row(String workspaceId, String projectId, String status, String provider, String model,
                       String operation, String snapshot, String permit, long startedAt, Long endedAt,
                       long lastOccurredAt) {
            }
            Row row = h.createQuery("SELECT workspace_id, project_id, status, provider, model, operation, snapshot, "
                            + "permit, started_at, ended_at, last_occurred_at FROM realtime_sessions WHERE id = :id")
                    .bind("id", sessionId)
                    .map((rs, c) -> {
                        long ended = rs.getLong("ended_at");
                        Long endedAt = rs.wasNull() ? null : ended;
                        return new Row(rs.getString("workspace_id"), rs.getString("project_id"), rs.getString("status"),
                                rs.getString("provider"), rs.getString("model"), rs.getString("operation"),
                                rs.getString("snapshot"), rs.getString("permit"), rs.getLong("started_at"), endedAt,
                                rs.getLong("last_occurred_at"));
                    })
                    .findOne().orElseThrow(() -> SessionStore.notFound(sessionId));
            if (SessionRow.ACTIVE.equals(row.status())) {
                throw new Conflict("session " + sessionId + " is still active; end it first");
            }
            List<ObjectNode> permits = new ArrayList<>();
            h.createQuery("SELECT document FROM tool_call_permits WHERE session_id = :s ORDER BY seq")
                    .bind("s", sessionId).mapTo(String.class).forEach(d -> permits.add((ObjectNode) store.json(d)));
            return new SealedSession(sessionId, row.workspaceId(), row.projectId(), row.status(), row.provider(),
                    row.model(), row.operation(), (ObjectNode) store.json(row.snapshot()),
                    (ObjectNode) store.json(row.permit()), row.startedAt(), row.endedAt(), row.lastOccurredAt(),
                    ledger.entries(h, sessionId), permits);
        });
    }

    @Override
    public List<String> closedIds(String projectId, Selection selection, int limit) {
        return db.read(h -> {
            // A session's events all lie in [started_at, ended_at]; an event's time is matched as
            // written in the chain, whole seconds rounded down, hence the second of slack on "to".
            var q = h.createQuery("SELECT id FROM realtime_sessions WHERE project_id = :p AND status <> 'active' "
                    + (selection.ids().isEmpty() ? "" : "AND id IN (<ids>) ")
                    + (selection.from().isEmpty() ? "" : "AND COALESCE(ended_at, last_occurred_at) >= :from ")
                    + (selection.to().isEmpty() ? "" : "AND started_at < :to ")
                    + "ORDER BY id LIMIT :n");
            q.bind("p", projectId).bind("n", limit);
            if (!selection.ids().isEmpty()) {
                q.bindList("ids", new ArrayList<>(selection.ids()));
            }
            selection.from().ifPresent(t -> q.bind("from", t.toEpochMilli()));
            selection.to().ifPresent(t -> q.bind("to", t.toEpochMilli() + 1000));
            return q.mapTo(String.class).list();
        });
    }
}
