package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * One validated voice event atom of a batch. {@link #read} checks the shape and names the field
 * of any defect ({@code events[3].payload.content_hash}); signatures are checked later, per atom.
 * The payload and the signature entries stay JSON trees: the sidecar signed the payload as sent,
 * and the chain keeps both as sent.
 */
public record Atom(int index, String atomType, String idempotencyKey, String capturedAtNs, String direction,
                   ObjectNode payload, ArrayNode signatures) {

    public static final List<String> TYPES = List.of("audio_chunk", "transcript_span", "tool_invocation_attempt",
            "lifecycle_marker", "interruption", "provider_opaque_marker");
    /** Largest batch accepted (the anchor API's limit). */
    public static final int MAX_BATCH = 100;
    static final Set<String> AUDIO_MEMBERS = Set.of("content_hash", "format", "duration_ms", "sample_rate_hz",
            "channels", "chunk_index", "byte_length", "codec", "start_offset_ms");
    /** Member names that would carry media bytes; refused in every atom type. */
    static final Set<String> MEDIA_MEMBERS = Set.of("audio", "audio_base64", "audio_bytes", "audio_data", "media",
            "media_bytes", "media_base64", "pcm", "raw_audio", "bytes", "data");

    public Atom {
        payload = payload.deepCopy();
        signatures = signatures.deepCopy();
    }

    /** The payload as sent. Shared, not copied (atoms are hot); callers must not modify it. */
    @Override
    public ObjectNode payload() {
        return payload;
    }

    /**
     * Reads and checks atom {@code index} of a batch: its shape, the members its type needs, and
     * the shape of its signature entries (whether they verify is decided later, per atom). Every
     * defect goes to {@code check}, naming its field ({@code events[3].payload.content_hash});
     * null when there was any.
     */
    static Atom read(JsonNode node, int index, AtomCheck check) {
        String path = "events[" + index + "]";
        if (!(node instanceof ObjectNode object)) {
            check.fail(path, AtomRejection.MALFORMED, "must be an object");
            return null;
        }
        String type = check.string(object, path, "atom_type", true);
        if (type != null && !TYPES.contains(type)) {
            check.fail(AtomCheck.field(path, "atom_type"), AtomRejection.UNKNOWN_ATOM_TYPE,
                    "unknown atom type '" + type + "'; expected one of " + TYPES);
            type = null;
        }
        String key = check.key(object, path, "idempotency_key");
        String captured = check.epochNanos(object, path, "captured_at_ns");
        String direction = check.optionalString(object, path, "direction");
        if (direction != null && !direction.equals("inbound") && !direction.equals("outbound")) {
            check.fail(AtomCheck.field(path, "direction"), AtomRejection.INVALID_DIRECTION,
                    "must be 'inbound' or 'outbound'");
        } else if (direction == null && absent(object, "direction")
                && ("audio_chunk".equals(type) || "transcript_span".equals(type))) {
            check.fail(AtomCheck.field(path, "direction"), AtomRejection.INVALID_DIRECTION,
                    "is required for " + type + " atoms");
        }
        ObjectNode payload = check.object(object, path, "payload", true);
        if (payload != null) {
            checkPayload(payload, AtomCheck.field(path, "payload"), type, check);
        }
        ArrayNode signatures = absent(object, "signatures") ? object.arrayNode()
                : check.array(object, path, "signatures", false);
        if (signatures != null) {
            AtomSignatures.checkEntries(signatures, AtomCheck.field(path, "signatures"), check);
        }
        if (!check.ok()) {
            return null;
        }
        return new Atom(index, type, key, captured, direction, payload, signatures);
    }

    private static boolean absent(ObjectNode object, String name) {
        JsonNode v = object.get(name);
        return v == null || v.isNull();
    }

    /** The payload's members: integers only, never media, and what the atom's type requires. */
    private static void checkPayload(ObjectNode payload, String path, String type, AtomCheck check) {
        check.integersOnly(payload, path);
        payload.fieldNames().forEachRemaining(n -> {
            if (MEDIA_MEMBERS.contains(n)) {
                check.fail(AtomCheck.field(path, n), AtomRejection.MEDIA_BYTES, "media bytes are never accepted; "
                        + "send content_hash, format and duration_ms of the audio instead");
            } else if ("audio_chunk".equals(type) && !AUDIO_MEMBERS.contains(n)) {
                check.fail(AtomCheck.field(path, n), AtomRejection.UNEXPECTED_AUDIO_MEMBER,
                        "audio atoms carry content_hash, format and duration_ms only (never media bytes)");
            }
        });
        switch (type == null ? "" : type) {
            case "audio_chunk" -> {
                check.digest(payload, path, "content_hash", true);
                check.string(payload, path, "format", true);
                check.nonNegativeLong(payload, path, "duration_ms", true);
            }
            case "transcript_span" -> {
                check.string(payload, path, "text", true);
                check.optionalString(payload, path, "language");
            }
            case "lifecycle_marker" -> check.string(payload, path, "marker_type", true);
            case "tool_invocation_attempt" -> check.string(payload, path, "tool_name", true);
            default -> { }
        }
    }

    /** The bytes the sidecar signed. */
    public byte[] signingBytes(String sessionId) {
        return AtomSignatures.atomBytes(sessionId, atomType, idempotencyKey, capturedAtNs, direction, payload);
    }

    /** Chain event type of an accepted atom. */
    public String eventType() {
        return switch (atomType) {
            case "audio_chunk" -> "voice.audio_chunk.recorded";
            case "transcript_span" -> "voice.transcript_span.recorded";
            case "tool_invocation_attempt" -> "voice.tool_invocation.attempted";
            case "lifecycle_marker" -> AtomEffects.isDisclosure(payload.path("marker_type").asText())
                    ? "voice.ai_disclosure.emitted" : "voice.lifecycle_marker.recorded";
            case "interruption" -> "voice.interruption.recorded";
            default -> "voice.provider_marker.recorded";
        };
    }
}
