package dev.herald.server.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.http.Problems;
import dev.herald.server.policy.PolicySnapshot;
import dev.herald.server.store.Database;
import dev.herald.server.store.Dialect;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * SQL of {@code realtime_sessions}: find (tenant-scoped), lock, counters. Every lookup carries the
 * project id, so another project's session is a 404. Thread-safe.
 */
public final class SessionStore {
    private static final String SELECT = "SELECT * FROM realtime_sessions WHERE id = :id AND project_id = :p";
    private final Database db;
    private final ObjectMapper mapper;
    // Snapshots never change once taken, so their parsed rules are cached by snapshot id.
    private final Map<String, PolicySnapshot> snapshots = new ConcurrentHashMap<>();

    public SessionStore(Database db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    public Optional<SessionRow> find(Handle h, String projectId, String sessionId) {
        return h.createQuery(SELECT).bind("id", sessionId).bind("p", projectId).map((rs, c) -> SessionRow.map(rs)).findOne();
    }

    public SessionRow get(String projectId, String sessionId) {
        return db.read(h -> find(h, projectId, sessionId)).orElseThrow(() -> notFound(sessionId));
    }

    /** Locks the row for the rest of the transaction; 404 if absent or another project's. */
    public SessionRow lock(Handle h, String projectId, String sessionId) {
        String sql = db.dialect() == Dialect.POSTGRESQL ? SELECT + " FOR UPDATE" : SELECT;
        return h.createQuery(sql).bind("id", sessionId).bind("p", projectId).map((rs, c) -> SessionRow.map(rs)).findOne()
                .orElseThrow(() -> notFound(sessionId));
    }

    /** As {@link #lock}, and 409 unless the session is active. */
    public SessionRow lockActive(Handle h, String projectId, String sessionId) {
        SessionRow row = lock(h, projectId, sessionId);
        if (!row.active()) {
            throw new Problems.Conflict("session " + sessionId + " is " + row.status() + "; it accepts nothing more");
        }
        return row;
    }

    public PolicySnapshot snapshot(SessionRow row) {
        return snapshots.computeIfAbsent(row.snapshotId(), id -> PolicySnapshot.fromDocument((ObjectNode) json(row.snapshot())));
    }

    public JsonNode json(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    public String text(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The project of a session in a workspace (for workspace admin keys); 404 if none. */
    public String projectOf(String workspaceId, String sessionId) {
        return db.read(h -> h.createQuery("SELECT project_id FROM realtime_sessions WHERE id = :id AND workspace_id = :w")
                .bind("id", sessionId).bind("w", workspaceId).mapTo(String.class).findOne())
                .orElseThrow(() -> notFound(sessionId));
    }

    static Problems.NotFound notFound(String sessionId) {
        return new Problems.NotFound("session '" + sessionId + "' not found");
    }
}
