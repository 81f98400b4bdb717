package dev.herald.governance.realtime;

import dev.herald.platform.domain.Invalid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.http.JsonFields;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One validated voice event atom of a batch. {@link #parse} checks the shape and names the field
 * of any defect ({@code events[3].payload.content_hash}); signatures are checked later, per atom.
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
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    public Atom {
        payload = payload.deepCopy();
        signatures = signatures.deepCopy();
    }

    /** The payload as sent. Shared, not copied (atoms are hot); callers must not modify it. */
    @Override
    public ObjectNode payload() {
        return payload;
    }

    public static Atom parse(JsonNode node, int index) {
        String path = "events[" + index + "]";
        if (!(node instanceof ObjectNode object)) {
            throw new Invalid(path, "must be an object");
        }
        JsonFields f = JsonFields.of(object, path);
        String type = f.string("atom_type");
        if (!TYPES.contains(type)) {
            throw new Invalid(f.field("atom_type"), "unknown atom type '" + type + "'; expected one of " + TYPES);
        }
        String key = idempotencyKey(f, "idempotency_key");
        String captured = f.epochNanos("captured_at_ns");
        String direction = f.optionalString("direction");
        if (direction != null && !direction.equals("inbound") && !direction.equals("outbound")) {
            throw new Invalid(f.field("direction"), "must be 'inbound' or 'outbound'");
        }
        if (direction == null && (type.equals("audio_chunk") || type.equals("transcript_span"))) {
            throw new Invalid(f.field("direction"), "is required for " + type + " atoms");
        }
        JsonFields payload = f.object("payload");
        JsonFields.requireIntegers(payload.node(), payload.path());
        payload.node().fieldNames().forEachRemaining(n -> {
            if (MEDIA_MEMBERS.contains(n)) {
                throw new Invalid(payload.field(n), "media bytes are never accepted; send content_hash, "
                        + "format and duration_ms of the audio instead");
            }
        });
        switch (type) {
            case "audio_chunk" -> {
                payload.node().fieldNames().forEachRemaining(n -> {
                    if (!AUDIO_MEMBERS.contains(n)) {
                        throw new Invalid(payload.field(n), "audio atoms carry content_hash, format and "
                                + "duration_ms only (never media bytes)");
                    }
                });
                String hash = payload.string("content_hash");
                if (!HASH.matcher(hash).matches()) {
                    throw new Invalid(payload.field("content_hash"), "must be 'sha256:' and 64 lowercase hex digits");
                }
                payload.string("format");
                payload.nonNegativeLong("duration_ms", null);
            }
            case "transcript_span" -> {
                payload.string("text");
                payload.optionalString("language");
            }
            case "lifecycle_marker" -> payload.string("marker_type");
            case "tool_invocation_attempt" -> payload.string("tool_name");
            default -> { }
        }
        ArrayNode signatures = f.optionalArray("signatures");
        if (signatures == null) {
            signatures = object.arrayNode();
        }
        checkSignatures(signatures, f.field("signatures"));
        return new Atom(index, type, key, captured, direction, payload.node(), signatures);
    }

    static String idempotencyKey(JsonFields f, String name) {
        String key = f.string(name);
        if (!KEY.matcher(key).matches()) {
            throw new Invalid(f.field(name), "must be 1 to 255 visible ASCII characters");
        }
        return key;
    }

    /** Shape of each signature entry; whether it verifies is decided per atom. */
    static void checkSignatures(ArrayNode signatures, String path) {
        for (int j = 0; j < signatures.size(); j++) {
            String where = path + "[" + j + "]";
            if (!(signatures.get(j) instanceof ObjectNode s)) {
                throw new Invalid(where, "must be an object");
            }
            JsonFields sf = JsonFields.of(s, where);
            String algorithm = sf.string("algorithm");
            if (!AtomSignatures.ALGORITHMS.contains(algorithm)) {
                throw new Invalid(sf.field("algorithm"), "must be one of " + AtomSignatures.ALGORITHMS);
            }
            sf.string("key_id");
            sf.string("signature");
            sf.optionalString("signed_at");
            if (algorithm.equals(AtomSignatures.SESSION_CERT)) {
                JsonFields cert = sf.object("session_cert");
                cert.string("public_key");
                cert.string("signature");
                cert.optionalString("expires_at");
            }
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
