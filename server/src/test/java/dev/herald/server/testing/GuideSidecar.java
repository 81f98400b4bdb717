package dev.herald.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.ratify.crypto.Ed25519s;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A voice sidecar with one real Ed25519 key, signing event atoms the way docs/realtime.md defines
 * their canonical bytes, built here from that definition and not from the server's code:
 *
 * <pre>canonical_json({"domain": "herald.voice_atom.v1", "session_id", "atom_type", "idempotency_key",
 *                 "captured_at_ns": decimal string, "direction" (only when the atom has one), "payload"})</pre>
 *
 * Uses BouncyCastle's RFC 8032 code (through the Ratify SDK) because it signs several times faster
 * than the JDK provider, which matters to the load tests. Thread-safe.
 */
public final class GuideSidecar {
    public static final String ATOM_DOMAIN = "herald.voice_atom.v1";
    private final String keyId;
    private final byte[] seed = new byte[32];
    private final byte[] publicKey;

    public GuideSidecar(String keyId, SecureRandom random) {
        this.keyId = keyId;
        random.nextBytes(seed);
        this.publicKey = Ed25519s.publicKey(seed);
    }

    public String keyId() {
        return keyId;
    }

    /** The registration body for {@code POST /v1/sidecar-keys}. */
    public String registration() {
        return JsonNodeFactory.instance.objectNode().put("key_id", keyId).put("algorithm", "ed25519")
                .put("public_key", "ed25519:" + Base64.getEncoder().encodeToString(publicKey)).toString();
    }

    /** The bytes a sidecar signs for {@code atom} in {@code sessionId}. */
    public static byte[] canonicalAtomBytes(String sessionId, JsonNode atom) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("domain", ATOM_DOMAIN);
        o.put("session_id", sessionId);
        o.put("atom_type", atom.path("atom_type").textValue());
        o.put("idempotency_key", atom.path("idempotency_key").textValue());
        JsonNode ns = atom.path("captured_at_ns");
        o.put("captured_at_ns", ns.isTextual() ? ns.textValue() : ns.bigIntegerValue().toString());
        if (atom.hasNonNull("direction")) {
            o.put("direction", atom.get("direction").textValue());
        }
        o.set("payload", atom.get("payload"));
        return CanonicalJson.bytes(o);
    }

    /**
     * Replaces every signature of {@code atom} by a real one of this key (same algorithm label,
     * key id and {@code signed_at} as the sidecar would send) and returns the atom.
     */
    public ObjectNode sign(String sessionId, ObjectNode atom, String signedAt) {
        byte[] signature = Ed25519s.sign(seed, canonicalAtomBytes(sessionId, atom));
        ArrayNode signatures = atom.putArray("signatures");
        signatures.addObject().put("algorithm", "ed25519").put("key_id", keyId)
                .put("signature", Base64.getEncoder().encodeToString(signature)).put("signed_at", signedAt);
        return atom;
    }
}
