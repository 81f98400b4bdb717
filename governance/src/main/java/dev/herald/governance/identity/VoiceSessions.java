package dev.herald.governance.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.RatifyJson;
import dev.herald.governance.realtime.SaveCondition;
import dev.herald.platform.store.SecretBox;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;

/**
 * The {@code ratify_sessions} rows: who authorized a realtime session (platform, human, agent,
 * granted scope, the chain), its sealed session secret and its stream position. Every method takes
 * the caller's transaction handle. Thread-safe.
 */
final class VoiceSessions {
    /** Sessions whose parsed chain is kept; a chain is a few certs of about 6 KB each once parsed. */
    static final int PARSED_CHAINS = 1_024;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@link #notRevoked}'s SQL for chains of 0 to 8 certs, built once rather than per turn. */
    private static final List<String> NOT_REVOKED_SQL = IntStream.rangeClosed(0, 8)
            .mapToObj(VoiceSessions::buildNotRevokedSql).toList();

    private final SecretBox box;
    /**
     * Every turn of a session with a proof checks its chain; decoding it each time cost more than
     * the rest of the turn gate. Keyed by session; {@link #find} checks a hit against the stored
     * text, {@link #current} relies on a session's chain never changing after its start.
     */
    private final Map<String, ParsedChain> parsed = lastUsedFirst();

    private record ParsedChain(String json, List<DelegationCert> certs) {
    }

    /**
     * Each session's record as {@link #current} last read it here, while it was not revoked: what
     * {@link #known} answers. Bounded like {@link #parsed}, whose chains it shares.
     */
    private final Map<String, Authorized> lastRead = lastUsedFirst();

    /** A map of at most {@link #PARSED_CHAINS} sessions that drops the one used longest ago (not thread-safe). */
    private static <V> Map<String, V> lastUsedFirst() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > PARSED_CHAINS;
            }
        };
    }

    VoiceSessions(SecretBox box) {
        this.box = box;
    }

    /** A session's Ratify record; {@code agentId} is null for a platform session started without a proof. */
    record Authorized(String sessionId, String workspaceId, String projectId, String platformId, String verifierId,
                      String humanId, String agentId, List<String> grantedScope, List<DelegationCert> chain,
                      Bytes streamId, long lastStreamSeq, Long revokedAt, String revokedCert) {
        boolean hasAgent() {
            return agentId != null;
        }
    }

    /**
     * Written only in the transaction that starts the session, never later: {@link VoiceTurnGate}
     * relies on a session without a record never getting one.
     */
    void insert(Handle h, Authorized a, Bytes secret, long tokenValidUntil, long now) {
        h.createUpdate("""
                INSERT INTO ratify_sessions (session_id, workspace_id, project_id, platform_id, verifier_id, human_id,
                    agent_id, granted_scope, chain, session_secret_enc, token_valid_until_s, stream_id, last_stream_seq,
                    created_at)
                VALUES (:s, :ws, :p, :platform, :verifier, :human, :agent, :scope, :chain, :secret, :until, :stream, 0,
                    :now)""")
                .bind("s", a.sessionId()).bind("ws", a.workspaceId()).bind("p", a.projectId())
                .bind("platform", a.platformId()).bind("verifier", a.verifierId()).bind("human", a.humanId())
                .bind("agent", a.agentId())
                .bind("scope", a.hasAgent() ? String.join(" ", a.grantedScope()) : null)
                .bind("chain", a.hasAgent() ? chainJson(a.chain()) : null)
                .bind("secret", secret == null ? null : box.seal(secret.toBase64(), context(a.sessionId())))
                .bind("until", a.hasAgent() ? (Long) tokenValidUntil : null)
                .bind("stream", a.streamId() == null ? null : a.streamId().toHex())
                .bind("now", now).execute();
        if (a.hasAgent()) {
            for (DelegationCert c : a.chain()) {
                h.createUpdate("INSERT INTO ratify_session_certs (workspace_id, cert_id, session_id) VALUES (:ws, :c, :s)")
                        .bind("ws", a.workspaceId()).bind("c", c.certId()).bind("s", a.sessionId()).execute();
            }
        }
    }

    /** The session token of a start answer, sealed for the stored copy of that answer. */
    String sealToken(String sessionId, String token) {
        return box.seal(token, tokenContext(sessionId));
    }

    /** A token sealed by {@link #sealToken}; an answer stored before tokens were sealed holds it in clear. */
    String openToken(String sessionId, String stored) {
        return SecretBox.isSealed(stored) ? box.open(stored, tokenContext(sessionId)) : stored;
    }

    private static String tokenContext(String sessionId) {
        return "ratify-session-token:" + sessionId;
    }

    private static String context(String sessionId) {
        return "ratify-session-secret:" + sessionId;
    }

    private static String chainJson(List<DelegationCert> chain) {
        StringBuilder sb = new StringBuilder("[");
        for (DelegationCert c : chain) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(new String(RatifyJson.encode(c), StandardCharsets.UTF_8));
        }
        return sb.append(']').toString();
    }

    Optional<Authorized> find(Handle h, String sessionId) {
        return h.createQuery("""
                SELECT session_id, workspace_id, project_id, platform_id, verifier_id, human_id, agent_id, granted_scope,
                    chain, stream_id, last_stream_seq, revoked_at, revoked_cert FROM ratify_sessions WHERE session_id = :s""")
                .bind("s", sessionId)
                .map((rs, c) -> authorized(rs, chain(sessionId, rs.getString("chain"))))
                .findOne();
    }

    /**
     * A session's record as a turn checks it, with the first cert of its chain that is revoked now
     * ({@code revokedNow}, null when none). Once the session's chain has been parsed on this node
     * (its first turn) this is one query that neither reads the chain's text again nor asks about
     * revocations apart: a session's chain is written once, when it starts, so the parsed copy
     * stays right for as long as the session exists.
     */
    record Current(Authorized session, String revokedNow) {
    }

    Optional<Current> current(Handle h, String sessionId, RevocationRegistry revocations) {
        Optional<Current> found = read(h, sessionId, revocations);
        Optional<Authorized> unrevoked = found.filter(c -> c.session().hasAgent() && c.session().revokedAt() == null
                && c.revokedNow() == null).map(Current::session);
        synchronized (lastRead) {
            unrevoked.ifPresentOrElse(a -> lastRead.put(sessionId, a), () -> lastRead.remove(sessionId));
        }
        return found;
    }

    /**
     * The session's record as this node last read it unrevoked, or empty. Of it only what never
     * changes after the start may be relied on (who, scope, chain, stream id): its stream position
     * and its revocation may have moved since, so a turn decided from it is saved only under
     * {@link #notRevoked} and never checks a turn proof.
     */
    Optional<Authorized> known(String sessionId) {
        synchronized (lastRead) {
            return Optional.ofNullable(lastRead.get(sessionId));
        }
    }

    /**
     * What a turn decided from {@link #known} assumed, as a condition of its save: the session is
     * not marked revoked and no cert of its chain is revoked now, the two facts {@link #current}
     * reads. A revocation that reaches a live session marks it in the same transaction that appends
     * to its chain, so a revocation committed after this condition was evaluated moves the chain
     * the save is guarded on.
     */
    SaveCondition notRevoked(Authorized a) {
        List<String> certIds = a.chain().stream().map(DelegationCert::certId).toList();
        return new SaveCondition(notRevokedSql(certIds.size()), st -> {
            st.bind("ratify_session", a.sessionId());
            if (!certIds.isEmpty()) {
                st.bind("ratify_workspace", a.workspaceId());
            }
            for (int i = 0; i < certIds.size(); i++) {
                st.bind("ratify_cert" + i, certIds.get(i));
            }
        });
    }

    private static String notRevokedSql(int certs) {
        return certs < NOT_REVOKED_SQL.size() ? NOT_REVOKED_SQL.get(certs) : buildNotRevokedSql(certs);
    }

    private static String buildNotRevokedSql(int certs) {
        StringBuilder sql = new StringBuilder("NOT EXISTS (SELECT 1 FROM ratify_sessions "
                + "WHERE session_id = :ratify_session AND revoked_at IS NOT NULL)");
        if (certs > 0) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM ratify_revoked_certs WHERE workspace_id = :ratify_workspace "
                    + "AND cert_id IN (");
            for (int i = 0; i < certs; i++) {
                sql.append(i == 0 ? "" : ", ").append(":ratify_cert").append(i);
            }
            sql.append("))");
        }
        return sql.toString();
    }

    private Optional<Current> read(Handle h, String sessionId, RevocationRegistry revocations) {
        List<DelegationCert> known;
        synchronized (parsed) {
            ParsedChain hit = parsed.get(sessionId);
            known = hit == null ? null : hit.certs();
        }
        if (known == null || known.isEmpty()) {
            return find(h, sessionId).map(a -> new Current(a, a.chain().isEmpty() ? null
                    : revocations.firstRevoked(h, a.workspaceId(), a.chain().stream().map(DelegationCert::certId).toList())
                            .orElse(null)));
        }
        List<String> certIds = known.stream().map(DelegationCert::certId).toList();
        record Row(Authorized session, String revoked) {
        }
        List<Row> rows = h.createQuery("""
                SELECT s.session_id, s.workspace_id, s.project_id, s.platform_id, s.verifier_id, s.human_id, s.agent_id,
                    s.granted_scope, s.stream_id, s.last_stream_seq, s.revoked_at, s.revoked_cert, r.cert_id AS revoked_now
                FROM ratify_sessions s
                LEFT JOIN ratify_revoked_certs r ON r.workspace_id = s.workspace_id AND r.cert_id IN (<certs>)
                WHERE s.session_id = :s""")
                .bind("s", sessionId).bindList("certs", certIds)
                .map((rs, c) -> new Row(authorized(rs, known), rs.getString("revoked_now")))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Set<String> revoked = rows.stream().map(Row::revoked).filter(Objects::nonNull).collect(Collectors.toSet());
        return Optional.of(new Current(rows.get(0).session(),
                certIds.stream().filter(revoked::contains).findFirst().orElse(null)));
    }

    private static Authorized authorized(ResultSet rs, List<DelegationCert> chain) throws SQLException {
        long revoked = rs.getLong("revoked_at");
        Long revokedAt = rs.wasNull() ? null : revoked;
        String scope = rs.getString("granted_scope");
        String stream = rs.getString("stream_id");
        return new Authorized(rs.getString("session_id"), rs.getString("workspace_id"),
                rs.getString("project_id"), rs.getString("platform_id"), rs.getString("verifier_id"),
                rs.getString("human_id"), rs.getString("agent_id"),
                scope == null || scope.isEmpty() ? List.of() : List.of(scope.split(" ")),
                chain, stream == null ? null : Bytes.fromHex(stream),
                rs.getLong("last_stream_seq"), revokedAt, rs.getString("revoked_cert"));
    }

    private List<DelegationCert> chain(String sessionId, String json) {
        if (json == null) {
            return List.of();
        }
        synchronized (parsed) {
            ParsedChain hit = parsed.get(sessionId);
            if (hit != null && hit.json().equals(json)) {
                return hit.certs();
            }
        }
        List<DelegationCert> certs = parseChain(json);
        synchronized (parsed) {
            parsed.put(sessionId, new ParsedChain(json, certs));
        }
        return certs;
    }

    private static List<DelegationCert> parseChain(String json) {
        List<DelegationCert> out = new ArrayList<>();
        try {
            for (var node : JSON.readTree(json)) {
                out.add(RatifyJson.decodeDelegationCert(node.toString().getBytes(StandardCharsets.UTF_8)));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored chain is unreadable", e);
        }
        return List.copyOf(out);
    }

    Bytes secret(Handle h, String sessionId) {
        String sealed = h.createQuery("SELECT session_secret_enc FROM ratify_sessions WHERE session_id = :s")
                .bind("s", sessionId).mapTo(String.class).one();
        return Bytes.fromBase64(box.open(sealed, context(sessionId)));
    }

    /** Compare-and-advance of the stream sequence; false when another turn advanced it first. */
    boolean advance(Handle h, String sessionId, long expected, long next) {
        return h.createUpdate("UPDATE ratify_sessions SET last_stream_seq = :next WHERE session_id = :s "
                        + "AND last_stream_seq = :expected")
                .bind("next", next).bind("s", sessionId).bind("expected", expected).execute() == 1;
    }

    /** An authorized session resting on a cert, from {@link #unrevokedOn}. */
    record OnCert(String sessionId, String projectId, String certId) {
    }

    /**
     * Sessions of the workspace resting on any of {@code certIds} and not yet marked revoked (ended
     * ones included: whether a session is still live is realtime's to say).
     */
    List<OnCert> unrevokedOn(Handle h, String workspaceId, Set<String> certIds) {
        List<OnCert> out = new ArrayList<>();
        for (String cert : certIds) {
            out.addAll(h.createQuery("""
                    SELECT rs.session_id, rs.project_id FROM ratify_session_certs c
                    JOIN ratify_sessions rs ON rs.session_id = c.session_id
                    WHERE c.workspace_id = :ws AND c.cert_id = :cert AND rs.revoked_at IS NULL""")
                    .bind("ws", workspaceId).bind("cert", cert)
                    .map((rs, c) -> new OnCert(rs.getString(1), rs.getString(2), cert)).list());
        }
        return out;
    }

    void markRevoked(Handle h, String sessionId, String certId, long now) {
        h.createUpdate("UPDATE ratify_sessions SET revoked_at = :now, revoked_cert = :c WHERE session_id = :s "
                        + "AND revoked_at IS NULL")
                .bind("now", now).bind("c", certId).bind("s", sessionId).execute();
    }
}
