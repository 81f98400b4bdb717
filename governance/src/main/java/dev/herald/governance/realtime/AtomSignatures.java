package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.CanonicalJson;
import java.util.List;

/**
 * The bytes sidecars sign for an atom, and the forms of their signatures (see docs/realtime.md):
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
 * {@link AtomVerifier} checks them. Stateless.
 */
public final class AtomSignatures {
    public static final String ATOM_DOMAIN = "herald.voice_atom.v1";
    public static final String CERT_DOMAIN = "herald.sidecar_session_cert.v1";
    public static final String SESSION_CERT = "sidecar-session-cert";
    public static final List<String> ALGORITHMS = List.of("ed25519", "ml-dsa-65", SESSION_CERT);

    private AtomSignatures() {}

    /**
     * Outcome for one atom: verified ({@code rejection} null), or the first reason it is not; the
     * key ids whose signatures verified.
     */
    public record Result(AtomRejection.Reason rejection, List<String> keyIds) {
        public Result {
            if (rejection != null && rejection.code().scope() != AtomRejection.Scope.ATOM) {
                throw new IllegalArgumentException(rejection.code() + " refuses a request, not an atom's signatures");
            }
            keyIds = List.copyOf(keyIds);
        }

        public static Result verified(List<String> keyIds) {
            return new Result(null, keyIds);
        }

        public boolean verified() {
            return rejection == null;
        }

        /** Why it is not verified, in its wire form ({@code <code>: <detail>}); null when verified. */
        public String reason() {
            return rejection == null ? null : rejection.wire();
        }
    }

    /**
     * Checks the shape of each signature entry (whether it verifies is decided per atom): an
     * object with a known {@code algorithm}, {@code key_id} and {@code signature}, and for a
     * session-cert entry its {@code session_cert}. Defects go to {@code check}.
     */
    static void checkEntries(ArrayNode signatures, String path, AtomCheck check) {
        for (int j = 0; j < signatures.size(); j++) {
            String where = path + "[" + j + "]";
            if (!(signatures.get(j) instanceof ObjectNode s)) {
                check.fail(where, AtomRejection.MALFORMED, "must be an object");
                continue;
            }
            String algorithm = check.string(s, where, "algorithm", true);
            if (algorithm != null && !ALGORITHMS.contains(algorithm)) {
                check.fail(AtomCheck.field(where, "algorithm"), AtomRejection.UNKNOWN_ALGORITHM,
                        "must be one of " + ALGORITHMS);
            }
            check.string(s, where, "key_id", true);
            check.string(s, where, "signature", true);
            check.optionalString(s, where, "signed_at");
            if (SESSION_CERT.equals(algorithm)) {
                String certPath = AtomCheck.field(where, "session_cert");
                ObjectNode cert = check.object(s, where, "session_cert", true);
                if (cert != null) {
                    check.string(cert, certPath, "public_key", true);
                    check.string(cert, certPath, "signature", true);
                    check.optionalString(cert, certPath, "expires_at");
                }
            }
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
}
