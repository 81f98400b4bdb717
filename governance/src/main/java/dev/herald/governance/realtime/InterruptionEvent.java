package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.platform.idempotency.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /v1/sessions/{id}/interruption-events}, validated: the interruption's id
 * and capture time, its {@code state} (the body without {@code interruption_id},
 * {@code captured_at_ns} and {@code signatures}: what the sidecar signed as the payload, kept as
 * sent) and its signature entries. {@link #read} is where a body is checked; every defect is a 422
 * naming its field with an {@link AtomRejection} code.
 */
public record InterruptionEvent(String interruptionId, String capturedAtNs, ObjectNode state, ArrayNode signatures) {
    /** The atom type an interruption is signed as. */
    static final String SIGNED_AS = "interruption_state";
    static final Set<String> MEMBERS = Set.of("interruption_id", "captured_at_ns", "delivered_digest",
            "withheld_digest", "replacement_digest", "cutoff_offset_ms", "cutoff_text_offset", "provider_cancel", "redaction_profile_id",
            "retention_profile_id", "reason", "signatures");

    public InterruptionEvent {
        state = state.deepCopy();
        signatures = signatures.deepCopy();
    }

    public static InterruptionEvent read(ObjectNode body) {
        AtomCheck check = new AtomCheck();
        body.fieldNames().forEachRemaining(n -> {
            if (!MEMBERS.contains(n)) {
                check.fail(n, AtomRejection.UNKNOWN_MEMBER, "unknown field");
            }
        });
        String id = check.key(body, "", "interruption_id");
        String captured = check.epochNanos(body, "", "captured_at_ns");
        check.digest(body, "", "delivered_digest", true);
        check.digest(body, "", "withheld_digest", true);
        check.digest(body, "", "replacement_digest", false);
        check.nonNegativeLong(body, "", "cutoff_offset_ms", true);
        check.nonNegativeLong(body, "", "cutoff_text_offset", false);
        ObjectNode cancel = check.object(body, "", "provider_cancel", false);
        if (cancel != null) {
            check.bool(cancel, "provider_cancel", "acknowledged");
            check.integersOnly(cancel, "provider_cancel");
        }
        check.optionalString(body, "", "redaction_profile_id");
        check.optionalString(body, "", "retention_profile_id");
        check.optionalString(body, "", "reason");
        JsonNode sent = body.get("signatures");
        ArrayNode signatures = sent == null || sent.isNull() ? body.arrayNode()
                : check.array(body, "", "signatures", false);
        if (signatures != null) {
            AtomSignatures.checkEntries(signatures, "signatures", check);
        }
        check.throwIfAny();
        ObjectNode state = body.deepCopy();
        state.remove(List.of("interruption_id", "captured_at_ns", "signatures"));
        return new InterruptionEvent(id, captured, state, signatures);
    }

    /** The bytes the sidecar signed, as for an atom of type {@code interruption_state}. */
    byte[] signingBytes(String sessionId) {
        return AtomSignatures.atomBytes(sessionId, SIGNED_AS, interruptionId, capturedAtNs, null, state);
    }

    /**
     * What makes a repeat the same interruption: its capture time and state. The signatures are
     * left out, since ML-DSA signing is randomized and a re-signed retry is still the same event.
     */
    Fingerprint fingerprint() {
        return fingerprint(capturedAtNs, state);
    }

    static Fingerprint fingerprint(String capturedAtNs, JsonNode state) {
        return Fingerprint.of(capturedAtNs.getBytes(StandardCharsets.US_ASCII), CanonicalJson.bytes(state));
    }
}
