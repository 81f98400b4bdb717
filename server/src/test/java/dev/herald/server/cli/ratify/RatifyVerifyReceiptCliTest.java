package dev.herald.server.cli.ratify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.ratify.HybridPublicKey;
import dev.herald.ratify.IdentityStatus;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.VerificationReceipt;
import dev.herald.ratify.VerificationReceipts;
import dev.herald.server.cli.ratify.RatifyCli.Run;
import dev.herald.governance.identity.VerifierKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald ratify verify --receipt}: the verdict plus a receipt signed by the chosen key. */
class RatifyVerifyReceiptCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static Run herald(String... args) {
        return RatifyCli.run(args);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @BeforeEach
    void presentABundle() {
        herald("init", "-o", file("root.json"));
        herald("agent", "-o", file("agent.json"), "--name", "Front desk");
        herald("delegate", "--issuer", file("root.json"), "--subject", file("agent.json"),
                "--scope", "meeting:speak", "--expires", "2h", "-o", file("cert.json"));
        herald("present", "--agent", file("agent.json"), "--challenge", herald("challenge").out(),
                "--cert", file("cert.json"), "-o", file("bundle.json"));
    }

    private static VerificationReceipt receipt(JsonNode out) throws Exception {
        VerificationReceipt r = RatifyJson.decodeVerificationReceipt(MAPPER.writeValueAsBytes(out.path("receipt")));
        assertThat(out.path("receipt_hash").asText()).isEqualTo(VerificationReceipts.receiptHash(r).toBase64());
        return r;
    }

    private ProofBundle bundle() throws Exception {
        return RatifyJson.decodeProofBundle(Files.readAllBytes(dir.resolve("bundle.json")));
    }

    @Test
    void aKeyFileSignsTheReceiptOfTheVerdict() throws Exception {
        herald("init", "-o", file("verifier.json"));
        Run ok = herald("verify", file("bundle.json"), "--scope", "meeting:speak", "--receipt",
                "--receipt-key", file("verifier.json"));
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.json().path("valid").asBoolean()).isTrue();
        VerificationReceipt r = receipt(ok.json());
        HybridPublicKey verifier = RatifyJson.decodeKeyPairFile(Files.readAllBytes(dir.resolve("verifier.json")))
                .keyPair().publicKey();
        VerificationReceipts.verify(r, verifier);
        assertThat(r.decision()).isEqualTo(IdentityStatus.AUTHORIZED_AGENT);
        assertThat(r.bundleHash()).isEqualTo(VerificationReceipts.bundleHash(bundle()));

        Run denied = herald("verify", file("bundle.json"), "--scope", "data:write", "--receipt",
                "--receipt-key", file("verifier.json"), "--receipt-prev-hash", ok.json().path("receipt_hash").asText());
        assertThat(denied.exit()).isEqualTo(1);
        VerificationReceipt second = receipt(denied.json());
        assertThat(second.decision()).isEqualTo(IdentityStatus.SCOPE_DENIED);
        VerificationReceipts.verifyChain(List.of(r, second), verifier);
    }

    @Test
    void aDataDirectorySignsWithTheInstallsVerifierKey() throws Exception {
        Path data = dir.resolve("data");
        HybridPublicKey install = VerifierKeyStore.loadOrCreate(data, new SecureRandom()).publicKey();
        Run ok = herald("verify", file("bundle.json"), "--scope", "meeting:speak", "--receipt",
                "--data-dir", data.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        VerificationReceipts.verify(receipt(ok.json()), install);
    }

    @Test
    void receiptOptionsThatDoNotFitAreExit2() {
        assertThat(herald("verify", file("bundle.json"), "--receipt").exit()).isEqualTo(2);
        assertThat(herald("verify", file("bundle.json"), "--receipt-key", file("root.json")).exit()).isEqualTo(2);
        Run noInstall = herald("verify", file("bundle.json"), "--receipt", "--data-dir", file("empty"));
        assertThat(noInstall.exit()).isEqualTo(2);
        assertThat(noInstall.err()).contains("start the server once");
        assertThat(herald("verify", file("bundle.json"), "--receipt", "--receipt-key", file("root.json"),
                "--receipt-prev-hash", "AAAA").exit()).isEqualTo(2);
    }

    @Test
    void withoutReceiptTheOutputIsTheBareVerifyResult() throws Exception {
        Run ok = herald("verify", file("bundle.json"), "--scope", "meeting:speak");
        assertThat(ok.exit()).isZero();
        assertThat(ok.json().has("receipt")).isFalse();
    }
}
