package dev.herald.governance.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.HybridPublicKey;
import dev.herald.ratify.IdentityStatus;
import dev.herald.ratify.Issuer;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.VerificationReceipt;
import dev.herald.ratify.VerificationReceipts;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Signed verification receipts (Ratify SPEC 17.5) from {@code POST /v1/ratify/verify}, checked
 * with the key the install publishes, against each store (see the subclasses).
 */
abstract class VerificationReceiptApiContract extends RunningHerald {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Issuer issuer = new Issuer(Clock.systemUTC(), RANDOM);
    private final HybridKeyPair root = HybridKeyPair.generate(RANDOM);
    private final HybridKeyPair agent = HybridKeyPair.generate(RANDOM);
    private final DelegationCert cert = issuer.delegate(root, agent.publicKey(),
            List.of("meeting:attend", "meeting:speak"), List.of(), Duration.ofHours(1));

    private String projectKey() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "voice", null).secret().reveal();
    }

    private ProofBundle presented(String key) {
        Http.Response r = http.send("POST", "/v1/ratify/challenge", key, null, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Bytes challenge = Bytes.fromBase64(r.json().path("challenge").asText());
        return issuer.present(agent, List.of(cert), challenge, Issuer.Binding.NONE);
    }

    private Http.Response verify(String key, ProofBundle bundle, String extra) {
        String b64 = Base64.getEncoder().encodeToString(RatifyJson.encode(bundle));
        return http.post("/v1/ratify/verify", key, "{\"proof_bundle\":\"" + b64
                + "\",\"required_scope\":\"meeting:speak\"" + extra + "}");
    }

    private HybridPublicKey publishedKey() throws Exception {
        Http.Response r = http.get("/.well-known/herald/ratify-verifier-key.json", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        HybridPublicKey key = RatifyJson.decodePublicKey(MAPPER.writeValueAsBytes(r.json().path("verifier_pub")));
        assertThat(r.json().path("verifier_id").asText()).isEqualTo(key.deriveId());
        return key;
    }

    private static VerificationReceipt receipt(JsonNode response) throws Exception {
        VerificationReceipt r = RatifyJson.decodeVerificationReceipt(
                MAPPER.writeValueAsBytes(response.path("receipt")));
        assertThat(response.path("receipt_hash").asText())
                .isEqualTo(VerificationReceipts.receiptHash(r).toBase64());
        return r;
    }

    @Test
    void aReceiptOfTheVerdictVerifiesWithThePublishedKey() throws Exception {
        String key = projectKey();
        ProofBundle bundle = presented(key);
        Http.Response r = verify(key, bundle, ",\"receipt\":true");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("valid").asBoolean()).isTrue();

        VerificationReceipt receipt = receipt(r.json());
        VerificationReceipts.verify(receipt, publishedKey());
        assertThat(receipt.decision()).isEqualTo(IdentityStatus.AUTHORIZED_AGENT);
        assertThat(receipt.bundleHash()).isEqualTo(VerificationReceipts.bundleHash(bundle));
        assertThat(receipt.humanId()).isEqualTo(root.id());
        assertThat(receipt.agentId()).isEqualTo(agent.id());
        assertThat(receipt.grantedScope()).containsExactly("meeting:attend", "meeting:speak");
        assertThat(receipt.prevHash()).isEqualTo(VerificationReceipts.GENESIS);
    }

    @Test
    void aFailedVerdictGetsAReceiptThatChainsToThePreviousOne() throws Exception {
        String key = projectKey();
        ProofBundle bundle = presented(key);
        VerificationReceipt first = receipt(verify(key, bundle, ",\"receipt\":true").json());
        String prev = VerificationReceipts.receiptHash(first).toBase64();

        JsonNode replay = verify(key, bundle, ",\"receipt\":true,\"receipt_prev_hash\":\"" + prev + "\"").json();
        assertThat(replay.path("valid").asBoolean()).isFalse();
        VerificationReceipt second = receipt(replay);
        assertThat(second.decision()).isEqualTo(IdentityStatus.INVALID);
        assertThat(second.errorReason()).isEqualTo(replay.path("error_reason").asText()).startsWith("unknown_challenge");
        VerificationReceipts.verifyChain(List.of(first, second), publishedKey());
    }

    @Test
    void withoutTheOptionThereIsNoReceipt() {
        String key = projectKey();
        JsonNode r = verify(key, presented(key), "").json();
        assertThat(r.path("valid").asBoolean()).isTrue();
        assertThat(r.has("receipt")).isFalse();
        assertThat(r.has("receipt_hash")).isFalse();
    }

    @Test
    void aPrevHashWithoutAReceiptOrOfTheWrongLengthIs422() {
        String key = projectKey();
        ProofBundle bundle = presented(key);
        String zeros = VerificationReceipts.GENESIS.toBase64();
        for (String extra : List.of(",\"receipt_prev_hash\":\"" + zeros + "\"",
                ",\"receipt\":true,\"receipt_prev_hash\":\"AAAA\"")) {
            Http.Response r = verify(key, bundle, extra);
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("receipt_prev_hash");
        }
    }

    @Test
    void theVerifierKeyIsPersistedOwnerOnlyInTheDataDirectory() throws Exception {
        var file = VerifierKeyStore.file(store().dataDir());
        assertThat(file).exists();
        assertThat(VerifierKeyStore.load(store().dataDir()).publicKey()).isEqualTo(publishedKey());
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }
}
