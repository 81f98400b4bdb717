package dev.herald.governance.realtime;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.NotFound;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.policy.PolicyRules;
import dev.herald.governance.policy.PolicySnapshot;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Dialect;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * SQL of {@code realtime_sessions}: find (tenant-scoped), lock, counters. Every lookup carries the
 * project id, so another project's session is a 404. Thread-safe.
 */
public final class SessionStore {
    private static final String SELECT = "SELECT " + SessionRow.COLUMNS
            + " FROM realtime_sessions WHERE id = :id AND project_id = :p";
    private static final String SELECT_CONTROL = "SELECT " + SessionRow.CONTROL_COLUMNS
            + " FROM realtime_sessions WHERE id = :id AND project_id = :p";
    private final Database db;
    private final ObjectMapper mapper;
    /** Bound on cached rule sets; past it the cache starts over (a re-parse is cheap, a leak is not). */
    private static final int RULES_CACHE_LIMIT = 4096;
    // A snapshot never changes once taken, and its hash covers every policy in it, so the parsed
    // rules are cached by snapshot hash: sessions started under the same policies share one entry.
    private final Map<String, PolicyRules> rules = new ConcurrentHashMap<>();

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

    /**
     * Locks the row for the rest of the transaction; 404 if absent or another project's. The row
     * comes without its stored documents (see {@link SessionRow#CONTROL_COLUMNS}). This is the one
     * place a session row is locked.
     */
    public SessionRow lock(Handle h, String projectId, String sessionId) {
        return lockIfPresent(h, projectId, sessionId).orElseThrow(() -> notFound(sessionId));
    }

    /** As {@link #lock}, empty (nothing locked) when the session is absent or another project's. */
    Optional<SessionRow> lockIfPresent(Handle h, String projectId, String sessionId) {
        String sql = db.dialect() == Dialect.POSTGRESQL ? SELECT_CONTROL + " FOR UPDATE" : SELECT_CONTROL;
        return h.createQuery(sql).bind("id", sessionId).bind("p", projectId).map((rs, c) -> SessionRow.mapControl(rs))
                .findOne();
    }

    /** The row without its stored documents and without locking it (see {@link SessionRow#CONTROL_COLUMNS}). */
    public Optional<SessionRow> read(Handle h, String projectId, String sessionId) {
        return h.createQuery(SELECT_CONTROL).bind("id", sessionId).bind("p", projectId)
                .map((rs, c) -> SessionRow.mapControl(rs)).findOne();
    }

    /** True when the session exists in the project (a read without the row's documents). */
    public boolean exists(Handle h, String projectId, String sessionId) {
        return h.createQuery("SELECT 1 FROM realtime_sessions WHERE id = :id AND project_id = :p")
                .bind("id", sessionId).bind("p", projectId).mapTo(Integer.class).findOne().isPresent();
    }

    /** As {@link #lock}, and 409 unless the session is active. */
    public SessionRow lockActive(Handle h, String projectId, String sessionId) {
        return active(lock(h, projectId, sessionId));
    }

    /** As {@link #read} (no lock), 404 if absent, and 409 unless the session is active. */
    public SessionRow readActive(Handle h, String projectId, String sessionId) {
        return active(read(h, projectId, sessionId).orElseThrow(() -> notFound(sessionId)));
    }

    private static SessionRow active(SessionRow row) {
        if (!row.active()) {
            throw new Conflict("session " + row.id() + " is " + row.status() + "; it accepts nothing more");
        }
        return row;
    }

    /** The rules of the session's locked policy snapshot (the document is read only on a cache miss). */
    public PolicyRules rules(Handle h, SessionRow row) {
        PolicyRules cached = rules.get(row.snapshotHash());
        if (cached != null) {
            return cached;
        }
        String document = row.snapshot() != null ? row.snapshot()
                : h.createQuery("SELECT snapshot FROM realtime_sessions WHERE id = :id").bind("id", row.id())
                        .mapTo(String.class).one();
        PolicyRules parsed = PolicySnapshot.fromDocument((ObjectNode) json(document)).rules();
        if (rules.size() >= RULES_CACHE_LIMIT) {
            rules.clear();
        }
        rules.put(row.snapshotHash(), parsed);
        return parsed;
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

    /** Most ids one {@link #activeAmong} statement names; more are asked in several. */
    private static final int ACTIVE_AMONG_CHUNK = 500;

    /** Which of these sessions are active. */
    Set<String> activeAmong(Handle h, Collection<String> sessionIds) {
        List<String> all = List.copyOf(new LinkedHashSet<>(sessionIds));
        Set<String> out = new HashSet<>();
        for (int i = 0; i < all.size(); i += ACTIVE_AMONG_CHUNK) {
            out.addAll(h.createQuery("SELECT id FROM realtime_sessions WHERE id IN (<ids>) AND status = 'active'")
                    .bindList("ids", all.subList(i, Math.min(all.size(), i + ACTIVE_AMONG_CHUNK)))
                    .mapTo(String.class).list());
        }
        return out;
    }

    static NotFound notFound(String sessionId) {
        return new NotFound("session '" + sessionId + "' not found");
    }
}
