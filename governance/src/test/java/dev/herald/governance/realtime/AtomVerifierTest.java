package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.Reference;
import dev.herald.ratify.crypto.Ed25519Batch;
import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.ratify.crypto.MlDsa;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.pqc.crypto.mldsa.MLDSAPrivateKeyParameters;
import org.junit.jupiter.api.Test;

/** Batch verification of atoms gives every atom exactly the verdict it gets on its own. */
class AtomVerifierTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String SESSION = "ses_test";
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    private final byte[] edSeed = seed();
    private final byte[] otherSeed = seed();
    private final MLDSAPrivateKeyParameters ml = MlDsa.privateFromSeed(seed());
    private final Map<String, SidecarKey> keys = Map.of(
            "ed", new SidecarKey("p", "ed", SidecarAlgorithm.ED25519, Ed25519s.publicKey(edSeed), 0, null),
            "ml", new SidecarKey("p", "ml", SidecarAlgorithm.ML_DSA_65, MlDsa.publicKey(ml), 0, null));
    private final AtomVerifier verifier = new AtomVerifier(new Ed25519Batch());

    @Test
    void aMixedBatchGetsTheVerdictsOfItsAtomsAlone() {
        List<AtomVerifier.Signed> atoms = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            atoms.add(ed(message(i)));
        }
        atoms.set(3, new AtomVerifier.Signed(message(3), sigs(entry("ed25519", "nope", sign(edSeed, message(3))))));
        byte[] tampered = sign(edSeed, message(7));
        tampered[10] ^= 1;
        atoms.set(7, new AtomVerifier.Signed(message(7), sigs(entry("ed25519", "ed", tampered))));
        atoms.set(11, new AtomVerifier.Signed(message(11), sigs(entry("ml-dsa-65", "ml", MlDsa.sign(ml, message(11), RANDOM)))));
        atoms.set(12, new AtomVerifier.Signed(message(12), sigs(entry("ml-dsa-65", "ml", MlDsa.sign(ml, message(99), RANDOM)))));
        atoms.set(15, sessionCertified(message(15), message(15), null));
        atoms.set(16, sessionCertified(message(16), message(160), null));
        atoms.set(17, sessionCertified(message(17), message(17), "2026-01-01T00:00:00Z"));
        atoms.set(20, new AtomVerifier.Signed(message(20), sigs(entry("ed25519", "ed", sign(edSeed, message(20))),
                entry("ml-dsa-65", "ml", MlDsa.sign(ml, message(0), RANDOM)))));
        atoms.set(21, new AtomVerifier.Signed(message(21), JSON.arrayNode()));
        atoms.set(22, new AtomVerifier.Signed(message(22), sigs(entry("ed25519", "ed", sign(otherSeed, message(22))))));

        List<AtomSignatures.Result> together = verifier.verifyAll(keys, SESSION, atoms, NOW);
        for (int i = 0; i < atoms.size(); i++) {
            assertThat(together.get(i)).as("atom %d", i).isEqualTo(verifier.verify(keys, SESSION, atoms.get(i), NOW));
        }
        List<Integer> rejected = new ArrayList<>();
        for (int i = 0; i < together.size(); i++) {
            if (!together.get(i).verified()) {
                rejected.add(i);
            }
        }
        assertThat(rejected).containsExactly(3, 7, 12, 16, 17, 20, 21, 22);
        assertThat(together.get(7).reason())
                .isEqualTo("bad_signature: signatures[0]: signature does not verify over the atom's canonical bytes");
        assertThat(together.get(3).rejection().code()).isEqualTo(AtomRejection.UNKNOWN_KEY);
        assertThat(together.get(16).rejection().code()).isEqualTo(AtomRejection.BAD_SESSION_SIGNATURE);
        assertThat(together.get(16).reason()).contains("certified session key");
        assertThat(together.get(17).rejection().code()).isEqualTo(AtomRejection.SESSION_CERT_EXPIRED);
        assertThat(together.get(17).reason()).contains("expired");
        assertThat(together.get(20).reason()).startsWith("bad_signature: signatures[1]:");
        assertThat(together.get(21).reason()).isEqualTo("unsigned: the atom carries no signature");
        assertThat(together.get(20).keyIds()).containsExactly("ed");
        assertThat(together.get(11).keyIds()).containsExactly("ml");
        assertThat(together.get(15).verified()).isTrue();
    }

    @Test
    void aSessionCertificateSignedForAnotherSessionFailsEveryAtomCarryingIt() {
        byte[] sessionSeed = seed();
        String publicKey = "ed25519:" + b64(Ed25519s.publicKey(sessionSeed));
        byte[] certSig = sign(edSeed, AtomSignatures.certBytes("ses_other", publicKey, null));
        List<AtomVerifier.Signed> atoms = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode s = entry(AtomSignatures.SESSION_CERT, "ed", sign(sessionSeed, message(i)));
            s.putObject("session_cert").put("public_key", publicKey).put("signature", b64(certSig));
            atoms.add(new AtomVerifier.Signed(message(i), sigs(s)));
        }
        assertThat(verifier.verifyAll(keys, SESSION, atoms, NOW))
                .allSatisfy(r -> assertThat(r.reason()).startsWith("session_cert_not_signed: ")
                        .contains("session_cert is not signed by sidecar key 'ed'"));
    }

    /** Herald's answers on the 12 Ed25519 edge-case vectors (ratify's Ed25519EdgeCasesTest pins them). */
    private static final boolean[] HERALD = {false, false, true, true, false, false, false, false, false, false, false, false};

    @Test
    void ed25519EdgeCaseVectors_getTheSingleVerdict_aloneAndInABatch_directAndUnderASessionCertificate() throws Exception {
        JsonNode vectors = new ObjectMapper().readTree(Reference.file("ed25519/speccheck-cases.json").toFile());
        assertThat(vectors).hasSize(12);
        Map<String, SidecarKey> withVectors = new HashMap<>(keys);
        List<AtomVerifier.Signed> atoms = new ArrayList<>();
        List<Boolean> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            JsonNode v = vectors.get(i);
            byte[] pub = HexFormat.of().parseHex(v.get("pub_key").asText());
            byte[] message = HexFormat.of().parseHex(v.get("message").asText());
            byte[] signature = HexFormat.of().parseHex(v.get("signature").asText());
            withVectors.put("v" + i, new SidecarKey("p", "v" + i, SidecarAlgorithm.ED25519, pub, 0, null));
            atoms.add(new AtomVerifier.Signed(message, sigs(entry("ed25519", "v" + i, signature))));
            String sessionKey = "ed25519:" + b64(pub);
            ObjectNode certified = entry(AtomSignatures.SESSION_CERT, "ed", signature);
            certified.putObject("session_cert").put("public_key", sessionKey)
                    .put("signature", b64(sign(edSeed, AtomSignatures.certBytes(SESSION, sessionKey, null))));
            atoms.add(new AtomVerifier.Signed(message, sigs(certified)));
            atoms.add(ed(message(i)));
            expected.addAll(List.of(HERALD[i], HERALD[i], true));
        }
        List<AtomSignatures.Result> together = verifier.verifyAll(withVectors, SESSION, atoms, NOW);
        for (int i = 0; i < atoms.size(); i++) {
            assertThat(together.get(i).verified()).as("atom %d (vector %d)", i, i / 3).isEqualTo(expected.get(i));
            assertThat(verifier.verify(withVectors, SESSION, atoms.get(i), NOW)).as("atom %d alone", i)
                    .isEqualTo(together.get(i));
        }
    }

    private AtomVerifier.Signed ed(byte[] message) {
        return new AtomVerifier.Signed(message, sigs(entry("ed25519", "ed", sign(edSeed, message))));
    }

    private AtomVerifier.Signed sessionCertified(byte[] message, byte[] signedMessage, String expiresAt) {
        byte[] sessionSeed = seed();
        String publicKey = "ed25519:" + b64(Ed25519s.publicKey(sessionSeed));
        ObjectNode s = entry(AtomSignatures.SESSION_CERT, "ed", sign(sessionSeed, signedMessage));
        ObjectNode cert = s.putObject("session_cert").put("public_key", publicKey);
        if (expiresAt != null) {
            cert.put("expires_at", expiresAt);
        }
        cert.put("signature", b64(sign(edSeed, AtomSignatures.certBytes(SESSION, publicKey, expiresAt))));
        return new AtomVerifier.Signed(message, sigs(s));
    }

    private static ObjectNode entry(String algorithm, String keyId, byte[] signature) {
        return JSON.objectNode().put("algorithm", algorithm).put("key_id", keyId).put("signature", b64(signature));
    }

    private static ArrayNode sigs(ObjectNode... entries) {
        ArrayNode a = JSON.arrayNode();
        for (ObjectNode e : entries) {
            a.add(e);
        }
        return a;
    }

    private static byte[] message(int i) {
        return ("{\"atom\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sign(byte[] seed, byte[] message) {
        return Ed25519s.sign(seed, message);
    }

    private static byte[] seed() {
        byte[] s = new byte[32];
        RANDOM.nextBytes(s);
        return s;
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
