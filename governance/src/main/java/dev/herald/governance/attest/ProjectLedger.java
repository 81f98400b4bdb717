package dev.herald.governance.attest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.artifact.ProjectAnchor;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.json.Sha256;
import dev.herald.governance.realtime.SealedSession;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Dialect;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The per-project ledger: one linear chain per project with an entry for every ended session,
 * each naming the session's final chain head and linking to the previous project entry. The entry
 * closing a session is the artifact's {@code project_chain_head}, the value the TSAs time-stamp.
 * Positions are decided while the project's head row is locked, inside the caller's transaction.
 * Entry hash: SHA-256 of the canonical {@code {chain_scope, event_id, event_type,
 * previous_content_hash, sequence, session_chain_head, session_id}}.
 */
public final class ProjectLedger {
    static final Sha256 GENESIS = Sha256.ofAscii("herald-project-ledger-genesis-v1");

    private final Database db;
    private final Clock clock;
    private final ObjectMapper mapper;

    public ProjectLedger(Database db, Clock clock, ObjectMapper mapper) {
        this.db = db;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** Appends the entry closing {@code sessionId} and returns it as the artifact's anchor. */
    public ProjectAnchor close(Handle h, String projectId, String sessionId, String eventType, String sessionHead) {
        h.createUpdate("INSERT INTO project_ledger_heads (project_id, next_seq, head_hash) VALUES (:p, 1, :g) "
                        + "ON CONFLICT (project_id) DO NOTHING")
                .bind("p", projectId).bind("g", GENESIS.prefixed()).execute();
        String lock = "SELECT next_seq, head_hash FROM project_ledger_heads WHERE project_id = :p"
                + (db.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : "");
        record Head(long nextSeq, String headHash) {
        }
        Head head = h.createQuery(lock).bind("p", projectId)
                .map((rs, c) -> new Head(rs.getLong("next_seq"), rs.getString("head_hash"))).one();
        long seq = head.nextSeq();
        String previous = head.headHash();
        String eventId = sessionId + ":ended";
        ObjectNode body = mapper.createObjectNode();
        body.put("chain_scope", SealedSession.chainScope(projectId));
        body.put("event_id", eventId);
        body.put("event_type", eventType);
        body.put("previous_content_hash", previous);
        body.put("sequence", seq);
        body.put("session_chain_head", sessionHead);
        body.put("session_id", sessionId);
        Sha256 hash = CanonicalJson.sha256(body);
        h.createUpdate("INSERT INTO project_ledger (project_id, seq, event_id, event_type, session_id, previous_hash, "
                        + "content_hash, body, created_at) VALUES (:p, :q, :e, :t, :s, :prev, :h, :b, :c)")
                .bind("p", projectId).bind("q", seq).bind("e", eventId).bind("t", eventType).bind("s", sessionId)
                .bind("prev", previous).bind("h", hash.prefixed()).bind("b", body.toString()).bind("c", clock.millis())
                .execute();
        h.createUpdate("UPDATE project_ledger_heads SET next_seq = :n, head_hash = :h WHERE project_id = :p")
                .bind("n", seq + 1).bind("h", hash.prefixed()).bind("p", projectId).execute();
        return new ProjectAnchor(SealedSession.chainScope(projectId), eventId, eventType, Sha256.parsePrefixed(previous), seq, hash);
    }

    /** The entry that closed {@code sessionId}, if it was closed. */
    public Optional<ProjectAnchor> anchorOf(Handle h, String projectId, String sessionId) {
        return h.createQuery("SELECT seq, event_id, event_type, previous_hash, content_hash FROM project_ledger "
                        + "WHERE project_id = :p AND session_id = :s ORDER BY seq DESC")
                .bind("p", projectId).bind("s", sessionId)
                .map((rs, c) -> new ProjectAnchor(SealedSession.chainScope(projectId), rs.getString("event_id"),
                        rs.getString("event_type"), Sha256.parsePrefixed(rs.getString("previous_hash")), rs.getLong("seq"),
                        Sha256.parsePrefixed(rs.getString("content_hash"))))
                .findFirst();
    }
}
