package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.ratify.crypto.Ed25519Batch;
import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.ratify.crypto.MlDsa;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.HttpProblem;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.JsonMapping;
import dev.herald.governance.policy.PolicyDocument;
import dev.herald.governance.policy.PolicyRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.pqc.crypto.mldsa.MLDSAPrivateKeyParameters;

/**
 * Coverage-guided fuzzing of an atom batch from the request body to what the chain stores
 * (docs/fuzzing.md): the server's JSON reading, {@link AtomBatch#read}, the signing bytes, batch
 * signature verification against registered keys of both algorithms, and the policy effects
 * (disclosure, consent, card redaction) with the stored payload's canonical form. The contract:
 * bad input is refused as unreadable (400) or {@link Invalid} naming the field (422) and nothing
 * else; an accepted batch gets one verdict per atom. Without {@code JAZZER_FUZZ} the build runs
 * the committed seeds.
 */
class AtomBatchFuzzTest {
    static final String SESSION = "ses_fuzz";
    static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    static final byte[] ED_SEED = filled(7);
    static final MLDSAPrivateKeyParameters ML = MlDsa.privateFromSeed(filled(9));
    static final Map<String, SidecarKey> KEYS = Map.of(
            "ed", new SidecarKey("p", "ed", SidecarAlgorithm.ED25519, Ed25519s.publicKey(ED_SEED), 0, null),
            "ml", new SidecarKey("p", "ml", SidecarAlgorithm.ML_DSA_65, MlDsa.publicKey(ML), 0, null));

    private static final JsonBody JSON = new JsonBody(JsonMapping.create());
    private static final AtomVerifier VERIFIER = new AtomVerifier(new Ed25519Batch());
    private static final PolicyRules STRICT = PolicyDocument.of(JsonNodeFactory.instance.objectNode()
            .put("require_ai_disclosure", true).put("require_explicit_consent", true)
            .put("deny_payment_card_collection", true)).rules();

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({"\"direction\":\"outbound\"", "\"marker_type\":\"consent_granted\"", "sidecar-session-cert",
            "ed25519:", "ml-dsa-65:", "\"expires_at\":\"2020-01-01T00:00:00Z\"", "4111 1111 1111 1111", "1.5"})
    void batchIsAcceptedOrRefusedWithAClientProblem(byte[] body) {
        AtomBatch batch;
        try {
            batch = AtomBatch.read(JSON.parse(body, ObjectNode.class));
        } catch (Invalid | HttpProblem refused) {
            if (refused instanceof HttpProblem unreadable) {
                assertThat(unreadable.status()).as(refused.getMessage()).isEqualTo(400);
            }
            return;
        }
        List<AtomVerifier.Signed> signed = new ArrayList<>();
        for (Atom atom : batch.atoms()) {
            signed.add(new AtomVerifier.Signed(atom.signingBytes(SESSION), atom.signatures()));
        }
        List<AtomSignatures.Result> verdicts = VERIFIER.verifyAll(KEYS, SESSION, signed, NOW);
        assertThat(verdicts).hasSameSizeAs(batch.atoms());
        AtomEffects effects = new AtomEffects(STRICT, false, false, null);
        for (Atom atom : batch.atoms()) {
            ObjectNode attributes = JsonNodeFactory.instance.objectNode();
            CanonicalJson.bytes(effects.apply(atom, attributes));
            assertThat(atom.eventType()).startsWith("voice.");
        }
    }

    static byte[] filled(int value) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) value);
        return seed;
    }
}
