package dev.herald.governance.realtime;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.http.JsonFields;
import dev.herald.platform.store.Database;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * {@code POST /v1/sessions/{id}/interruption-events}: signed interruption state (what was
 * delivered, withheld and said instead, where the cut happened, whether the provider acknowledged
 * the cancel, and which redaction/retention profiles apply). Signed like an atom of type
 * {@code interruption_state} whose idempotency key is {@code interruption_id} and whose payload is
 * the body without {@code interruption_id}, {@code captured_at_ns} and {@code signatures}. Under
 * {@code enforce} an unverifiable one is 422 on {@code signatures}; a repeated
 * {@code interruption_id} answers the first result. Thread-safe.
 */
public final class InterruptionRecorder {
    static final Set<String> MEMBERS = Set.of("interruption_id", "captured_at_ns", "delivered_digest", "withheld_digest",
            "replacement_digest", "cutoff_offset_ms", "cutoff_text_offset", "provider_cancel", "redaction_profile_id",
            "retention_profile_id", "reason", "signatures");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private final Database db;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final SessionStore store;
    private final SessionLedger ledger;
    private final SidecarKeyService keys;
    private final ProjectSettings settings;
    private final AtomVerifier verifier;

    public InterruptionRecorder(Database db, Clock clock, ObjectMapper mapper, SessionStore store, SessionLedger ledger,
                                SidecarKeyService keys, ProjectSettings settings, AtomVerifier verifier) {
        this.db = db;
        this.clock = clock;
        this.mapper = mapper;
        this.store = store;
        this.ledger = ledger;
        this.keys = keys;
        this.settings = settings;
        this.verifier = verifier;
    }

    public record Recorded(ObjectNode body, boolean created) {
    }

    public Recorded record(String projectId, String sessionId, JsonFields f) {
        f.only(MEMBERS);
        String id = Atom.idempotencyKey(f, "interruption_id");
        String captured = f.epochNanos("captured_at_ns");
        digest(f, "delivered_digest", true);
        digest(f, "withheld_digest", true);
        digest(f, "replacement_digest", false);
        f.nonNegativeLong("cutoff_offset_ms", null);
        f.nonNegativeLong("cutoff_text_offset", 0L);
        JsonFields cancel = f.optionalObject("provider_cancel");
        if (cancel != null) {
            cancel.bool("acknowledged", false);
            JsonFields.requireIntegers(cancel.node(), cancel.path());
        }
        f.optionalString("redaction_profile_id");
        f.optionalString("retention_profile_id");
        f.optionalString("reason");
        ArrayNode signatures = f.optionalArray("signatures");
        if (signatures == null) {
            signatures = mapper.createArrayNode();
        }
        Atom.checkSignatures(signatures, "signatures");
        ObjectNode payload = f.node().deepCopy();
        payload.remove(java.util.List.of("interruption_id", "captured_at_ns", "signatures"));
        byte[] signed = AtomSignatures.atomBytes(sessionId, "interruption_state", id, captured, null, payload);
        SigningRules rules = db.read(h -> {
            if (!store.exists(h, projectId, sessionId)) {
                throw SessionStore.notFound(sessionId);
            }
            return SigningRules.read(h, keys, settings, projectId);
        });
        AtomSignatures.Result verdict = verifier.verify(rules.keys(), sessionId, new AtomVerifier.Signed(signed, signatures),
                clock.instant());
        if (!verdict.verified() && rules.enforce()) {
            throw new Invalid("signatures", verdict.reason());
        }
        ArrayNode sigs = signatures;
        String key = "interruption:" + id;
        return db.write(h -> {
            SessionRow row = store.lock(h, projectId, sessionId);
            var previous = h.createQuery("SELECT seq, event_hash FROM session_atoms WHERE session_id = :s AND idempotency_key = :k")
                    .bind("s", sessionId).bind("k", key)
                    .map((rs, c) -> result(sessionId, id, rs.getLong("seq"), rs.getString("event_hash"), null))
                    .findOne();
            if (previous.isPresent()) {
                requireSameState(h, sessionId, id, previous.get().get("sequence").asLong(), captured, payload);
                return new Recorded(previous.get(), false);
            }
            if (!row.active()) {
                throw new Conflict("session " + sessionId + " is " + row.status() + "; it accepts nothing more");
            }
            SessionLedger.Cursor cursor = row.cursor();
            ObjectNode attrs = mapper.createObjectNode();
            attrs.put("category", "voice_evidence");
            attrs.put("decision", "recorded");
            attrs.put("outcome", "interruption_recorded");
            attrs.put("interruption_id", id);
            attrs.put("captured_at_ns", captured);
            attrs.put("signature_status", verdict.verified() ? "verified" : "unverified");
            ObjectNode chainPayload = mapper.createObjectNode();
            chainPayload.put("interruption_id", id);
            chainPayload.put("captured_at_ns", captured);
            chainPayload.set("state", payload);
            chainPayload.set("signatures", sigs);
            SessionLedger.Entry e = ledger.append(cursor, "voice.interruption.state_recorded", attrs, chainPayload);
            ledger.save(h, cursor);
            h.createUpdate("INSERT INTO session_atoms (session_id, idempotency_key, seq, event_hash) VALUES (:s, :k, :q, :e)")
                    .bind("s", sessionId).bind("k", key).bind("q", e.sequence()).bind("e", e.contentHash()).execute();
            return new Recorded(result(sessionId, id, e.sequence(), e.contentHash(),
                    verdict.verified() ? "verified" : "unverified"), true);
        });
    }

    /**
     * A replayed {@code interruption_id} must carry the state it was first recorded with, as every
     * other replay in Herald must; signatures may differ (ML-DSA signing is randomized).
     */
    private void requireSameState(Handle h, String sessionId, String id, long seq, String captured,
                                  ObjectNode state) {
        String stored = h.createQuery("SELECT payload FROM session_events WHERE session_id = :s AND seq = :q")
                .bind("s", sessionId).bind("q", seq).mapTo(String.class).one();
        JsonNode first;
        try {
            first = mapper.readTree(stored);
        } catch (IOException e) {
            throw new IllegalStateException("chain entry " + seq + " of " + sessionId + " is not JSON", e);
        }
        if (!captured.equals(first.path("captured_at_ns").asText()) || !state.equals(first.path("state"))) {
            throw new Conflict("interruption_id '" + id + "' was already recorded with a different state");
        }
    }

    private ObjectNode result(String sessionId, String id, long seq, String hash, String signatureStatus) {
        ObjectNode o = mapper.createObjectNode();
        o.put("session_id", sessionId);
        o.put("interruption_id", id);
        o.put("status", signatureStatus == null ? "duplicate" : "accepted");
        o.put("sequence", seq);
        o.put("event_hash", hash);
        if (signatureStatus != null) {
            o.put("signature_status", signatureStatus);
        }
        return o;
    }

    private static void digest(JsonFields f, String name, boolean required) {
        String v = required ? f.string(name) : f.optionalString(name);
        if (v != null && !DIGEST.matcher(v).matches()) {
            throw new Invalid(f.field(name), "must be 'sha256:' and 64 lowercase hex digits");
        }
    }
}
