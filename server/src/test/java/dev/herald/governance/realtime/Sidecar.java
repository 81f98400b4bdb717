package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.ratify.crypto.MlDsa;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.pqc.crypto.mldsa.MLDSAPrivateKeyParameters;

/**
 * A test voice sidecar holding real keys: Ed25519 (JDK) and ML-DSA-65 (BouncyCastle via the Ratify
 * SDK). It builds the canonical atom bytes from the documented definition (independently of the
 * server's code) and signs them.
 */
final class Sidecar {
    private static final SecureRandom RANDOM = new SecureRandom();
    final String edKeyId;
    final String mlKeyId;
    private final KeyPair ed;
    private final MLDSAPrivateKeyParameters ml;

    Sidecar(String prefix) {
        edKeyId = prefix + "-ed";
        mlKeyId = prefix + "-ml";
        try {
            ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        ml = MlDsa.privateFromSeed(seed);
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    String edPublic() {
        return "ed25519:" + b64(rawEd(ed));
    }

    String mlPublic() {
        return "ml-dsa-65:" + b64(MlDsa.publicKey(ml));
    }

    static byte[] rawEd(KeyPair kp) {
        byte[] spki = kp.getPublic().getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    static byte[] edSign(KeyPair kp, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(kp.getPrivate());
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** canonical_json({domain, session_id, atom_type, idempotency_key, captured_at_ns (string), direction?, payload}). */
    static byte[] atomBytes(String sessionId, ObjectNode atom) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("domain", "herald.voice_atom.v1");
        o.put("session_id", sessionId);
        o.put("atom_type", atom.get("atom_type").asText());
        o.put("idempotency_key", atom.get("idempotency_key").asText());
        JsonNode ns = atom.get("captured_at_ns");
        o.put("captured_at_ns", ns.isTextual() ? ns.textValue() : ns.bigIntegerValue().toString());
        if (atom.has("direction")) {
            o.put("direction", atom.get("direction").asText());
        }
        o.set("payload", atom.get("payload"));
        return CanonicalJson.bytes(o);
    }

    ObjectNode signEd(String sessionId, ObjectNode atom) {
        atom.withArray("signatures").addObject().put("algorithm", "ed25519").put("key_id", edKeyId)
                .put("signature", b64(edSign(ed, atomBytes(sessionId, atom)))).put("signed_at", "2026-11-22T00:00:00Z");
        return atom;
    }

    ObjectNode signMl(String sessionId, ObjectNode atom) {
        atom.withArray("signatures").addObject().put("algorithm", "ml-dsa-65").put("key_id", mlKeyId)
                .put("signature", "ml-dsa-65:" + b64(MlDsa.sign(ml, atomBytes(sessionId, atom), RANDOM)));
        return atom;
    }

    /** Signs with a fresh per-session Ed25519 key certified by the registered ML-DSA-65 key. */
    ObjectNode signSessionCert(String sessionId, ObjectNode atom, String expiresAt) {
        KeyPair session;
        try {
            session = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String pub = "ed25519:" + b64(rawEd(session));
        ObjectNode certBody = JsonNodeFactory.instance.objectNode();
        certBody.put("domain", "herald.sidecar_session_cert.v1");
        certBody.put("session_id", sessionId);
        certBody.put("public_key", pub);
        if (expiresAt != null) {
            certBody.put("expires_at", expiresAt);
        }
        ObjectNode sig = atom.withArray("signatures").addObject();
        sig.put("algorithm", "sidecar-session-cert").put("key_id", mlKeyId)
                .put("signature", b64(edSign(session, atomBytes(sessionId, atom))));
        ObjectNode cert = sig.putObject("session_cert");
        cert.put("public_key", pub);
        if (expiresAt != null) {
            cert.put("expires_at", expiresAt);
        }
        cert.put("signature", b64(MlDsa.sign(ml, CanonicalJson.bytes(certBody), RANDOM)));
        return atom;
    }
}
