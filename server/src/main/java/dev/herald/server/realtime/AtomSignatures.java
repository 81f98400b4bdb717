package dev.herald.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.ratify.internal.MlDsa;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies sidecar signatures over an atom's canonical bytes (see docs/realtime.md):
 *
 * <pre>canonical_json({"domain": "herald.voice_atom.v1", "session_id", "atom_type", "idempotency_key",
 *                 "captured_at_ns": "&lt;decimal string&gt;", "direction" (only when sent), "payload"})</pre>
 *
 * <ul>
 *   <li>{@code ed25519} / {@code ml-dsa-65}: {@code signature} is base64 of the raw signature by the
 *       registered key {@code key_id} of that algorithm;</li>
 *   <li>{@code sidecar-session-cert}: {@code session_cert = {public_key: "ed25519:&lt;b64&gt;", expires_at?,
 *       signature}} is signed by the registered key {@code key_id} (either algorithm) over
 *       {@code canonical_json({"domain": "herald.sidecar_session_cert.v1", "session_id", "public_key",
 *       "expires_at"?})}, and {@code signature} is the session key's Ed25519 signature of the atom bytes.</li>
 * </ul>
 *
 * An atom is verified when it carries at least one signature and every one verifies. Verification
 * never throws: failures come back as a reason. Thread-safe.
 */
public final class AtomSignatures {
    public static final String ATOM_DOMAIN = "herald.voice_atom.v1";
    public static final String CERT_DOMAIN = "herald.sidecar_session_cert.v1";
    public static final String SESSION_CERT = "sidecar-session-cert";
    public static final List<String> ALGORITHMS = List.of("ed25519", "ml-dsa-65", SESSION_CERT);
    private static final Map<String, Ed25519.PublicPoint> ED_KEYS = new ConcurrentHashMap<>();

    private AtomSignatures() {}

    /** Outcome for one atom: verified, or the first reason it is not; the key ids that signed. */
    public record Result(boolean verified, String reason, List<String> keyIds) {
        public Result {
            keyIds = List.copyOf(keyIds);
        }
    }

    /** The bytes a sidecar signs for an atom. */
    public static byte[] atomBytes(String sessionId, String atomType, String idempotencyKey, String capturedAtNs,
                                   String direction, JsonNode payload) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("domain", ATOM_DOMAIN);
        o.put("session_id", sessionId);
        o.put("atom_type", atomType);
        o.put("idempotency_key", idempotencyKey);
        o.put("captured_at_ns", capturedAtNs);
        if (direction != null) {
            o.put("direction", direction);
        }
        o.set("payload", payload);
        return CanonicalJson.bytes(o);
    }

    /** The bytes a registered sidecar key signs to certify a per-session Ed25519 key. */
    public static byte[] certBytes(String sessionId, String publicKey, String expiresAt) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("domain", CERT_DOMAIN);
        o.put("session_id", sessionId);
        o.put("public_key", publicKey);
        if (expiresAt != null) {
            o.put("expires_at", expiresAt);
        }
        return CanonicalJson.bytes(o);
    }

    /**
     * @param keys       the project's active sidecar keys by key id
     * @param signatures the atom's {@code signatures} array (shape already validated)
     */
    public static Result verify(Map<String, SidecarKey> keys, String sessionId, byte[] message, JsonNode signatures,
                                Instant now) {
        if (signatures == null || signatures.isEmpty()) {
            return new Result(false, "unsigned: the atom carries no signature", List.of());
        }
        List<String> keyIds = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            JsonNode s = signatures.get(i);
            String where = "signatures[" + i + "]";
            String algorithm = s.path("algorithm").asText();
            String keyId = s.path("key_id").asText();
            SidecarKey key = keys.get(keyId);
            if (key == null) {
                return new Result(false, where + ": key_id '" + keyId + "' is not an active sidecar key of this project", keyIds);
            }
            Optional<String> failure = algorithm.equals(SESSION_CERT)
                    ? verifySessionCert(key, sessionId, message, s, now)
                    : verifyDirect(key, algorithm, message, s.path("signature").asText());
            if (failure.isPresent()) {
                return new Result(false, where + ": " + failure.get(), keyIds);
            }
            keyIds.add(keyId);
        }
        return new Result(true, null, keyIds);
    }

    private static Optional<String> verifyDirect(SidecarKey key, String algorithm, byte[] message, String signature) {
        if (!key.algorithm().wire().equals(algorithm)) {
            return Optional.of("key '" + key.keyId() + "' is an " + key.algorithm().wire() + " key, not " + algorithm);
        }
        Optional<byte[]> sig = SignatureCodec.decode(signature, algorithm);
        if (sig.isEmpty()) {
            return Optional.of("signature is not base64");
        }
        return verifyRaw(key.algorithm(), key.rawView(), message, sig.get())
                ? Optional.empty() : Optional.of("signature does not verify over the atom's canonical bytes");
    }

    private static Optional<String> verifySessionCert(SidecarKey key, String sessionId, byte[] message, JsonNode s,
                                                      Instant now) {
        JsonNode cert = s.get("session_cert");
        if (cert == null || !cert.isObject() || !cert.path("public_key").isTextual() || !cert.path("signature").isTextual()) {
            return Optional.of("a sidecar-session-cert signature needs session_cert {public_key, signature}");
        }
        String publicKey = cert.get("public_key").textValue();
        String expiresAt = cert.path("expires_at").isTextual() ? cert.get("expires_at").textValue() : null;
        if (expiresAt != null) {
            try {
                if (!Instant.parse(expiresAt).isAfter(now)) {
                    return Optional.of("session_cert expired at " + expiresAt);
                }
            } catch (DateTimeParseException e) {
                return Optional.of("session_cert.expires_at is not an RFC 3339 instant");
            }
        }
        Optional<byte[]> certSig = SignatureCodec.decode(cert.get("signature").textValue(), key.algorithm().wire());
        if (certSig.isEmpty() || !verifyRaw(key.algorithm(), key.rawView(), certBytes(sessionId, publicKey, expiresAt),
                certSig.get())) {
            return Optional.of("session_cert is not signed by sidecar key '" + key.keyId() + "' for this session");
        }
        Optional<byte[]> sessionKey = SignatureCodec.decode(publicKey, "ed25519");
        if (sessionKey.isEmpty() || sessionKey.get().length != 32) {
            return Optional.of("session_cert.public_key is not an Ed25519 public key");
        }
        Optional<byte[]> sig = SignatureCodec.decode(s.path("signature").asText(), "ed25519");
        if (sig.isEmpty() || !verifyRaw(SidecarAlgorithm.ED25519, sessionKey.get(), message, sig.get())) {
            return Optional.of("signature does not verify under the certified session key");
        }
        return Optional.empty();
    }

    static boolean verifyRaw(SidecarAlgorithm algorithm, byte[] publicKey, byte[] message, byte[] signature) {
        try {
            return switch (algorithm) {
                case ED25519 -> {
                    if (signature.length != Ed25519.SIGNATURE_SIZE || publicKey.length != Ed25519.PUBLIC_KEY_SIZE) {
                        yield false;
                    }
                    Ed25519.PublicPoint point = edKey(publicKey);
                    yield point != null && Ed25519.verify(signature, 0, point, message, 0, message.length);
                }
                case ML_DSA_65 -> signature.length == MlDsa.SIGNATURE_SIZE && MlDsa.verify(publicKey, message, signature);
            };
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The decoded point of a raw Ed25519 key (null when it is not a valid point), cached: decoding
     * costs about as much as a verification, and a project has few keys. BouncyCastle's RFC 8032
     * code is used because it measured several times faster than the JDK's EdDSA provider here.
     */
    private static Ed25519.PublicPoint edKey(byte[] raw) {
        String id = HexFormat.of().formatHex(raw);
        Ed25519.PublicPoint point = ED_KEYS.get(id);
        if (point == null) {
            point = Ed25519.validatePublicKeyPartialExport(raw, 0);
            if (point == null) {
                return null;
            }
            if (ED_KEYS.size() > 1024) {
                ED_KEYS.clear();
            }
            ED_KEYS.put(id, point);
        }
        return point;
    }
}
