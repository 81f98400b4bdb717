package dev.herald.governance.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.idempotency.Answer;
import dev.herald.platform.idempotency.IdempotentWrites;
import dev.herald.platform.store.Database;
import java.time.Clock;

/**
 * {@code POST /v1/sessions/{id}/interruption-events}: signed interruption state (what was
 * delivered, withheld and said instead, where the cut happened, whether the provider acknowledged
 * the cancel, and which redaction/retention profiles apply). Signed like an atom of type
 * {@code interruption_state} ({@link InterruptionEvent}). Under {@code enforce} an unverifiable one
 * is 422 on {@code signatures}. The {@code interruption_id} goes through the one idempotency
 * mechanism ({@link IdempotentWrites}, answers derived from the chain by
 * {@link InterruptionAnswers}): a repeat with the same state answers {@code duplicate} (200), the
 * same answer every time; another state under the id is 409. Thread-safe.
 */
public final class InterruptionRecorder {
    private final Database db;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final SidecarIntake intake;
    private final InterruptionAnswers answers;

    public InterruptionRecorder(Database db, Clock clock, ObjectMapper mapper, SidecarIntake intake) {
        this.db = db;
        this.clock = clock;
        this.mapper = mapper;
        this.intake = intake;
        this.answers = new InterruptionAnswers(mapper);
    }

    /** Records {@code event} in the session's chain, or answers the repeat of one already recorded. */
    public IdempotentWrites.Answered record(String projectId, String sessionId, InterruptionEvent event) {
        SigningRules rules = db.read(h -> {
            if (!intake.sessions().exists(h, projectId, sessionId)) {
                throw SessionStore.notFound(sessionId);
            }
            return intake.signingRules(h, projectId);
        });
        AtomSignatures.Result verdict = intake.verifier().verify(rules.keys(), sessionId,
                new AtomVerifier.Signed(event.signingBytes(sessionId), event.signatures()), clock.instant());
        if (!verdict.verified() && rules.enforce()) {
            throw new Invalid("signatures", verdict.reason());
        }
        String id = event.interruptionId();
        return intake.writes().once(answers, sessionId, id, event.fingerprint(), h -> {
            SessionRow row = intake.sessions().lock(h, projectId, sessionId);
            if (!row.active()) {
                throw new Conflict("session " + sessionId + " is " + row.status() + "; it accepts nothing more");
            }
            SessionLedger.Cursor cursor = row.cursor();
            ObjectNode attrs = mapper.createObjectNode();
            attrs.put("category", "voice_evidence");
            attrs.put("decision", "recorded");
            attrs.put("outcome", "interruption_recorded");
            attrs.put("interruption_id", id);
            attrs.put("captured_at_ns", event.capturedAtNs());
            attrs.put("signature_status", verdict.verified() ? "verified" : "unverified");
            ObjectNode chainPayload = mapper.createObjectNode();
            chainPayload.put("interruption_id", id);
            chainPayload.put("captured_at_ns", event.capturedAtNs());
            chainPayload.set("state", event.state());
            chainPayload.set("signatures", event.signatures());
            SessionLedger.Entry e = intake.ledger().append(cursor, "voice.interruption.state_recorded", attrs,
                    chainPayload);
            intake.ledger().save(h, cursor);
            // The key's row is the claim: a concurrent repeat fails on its primary key and replays.
            h.createUpdate("INSERT INTO session_atoms (session_id, idempotency_key, seq) VALUES (:s, :k, :q)")
                    .bind("s", sessionId).bind("k", InterruptionAnswers.atomKey(id)).bind("q", e.sequence())
                    .execute();
            return new IdempotentWrites.Written(
                    new Answer(201, json(InterruptionResult.accepted(sessionId, id, e, verdict.verified()))),
                    new Answer(200, json(InterruptionResult.duplicate(sessionId, id, e.sequence(), e.contentHash()))));
        });
    }

    private String json(InterruptionResult result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("interruption result not serializable", e);
        }
    }
}
