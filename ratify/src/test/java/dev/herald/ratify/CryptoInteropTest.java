package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.ratify.crypto.MlDsa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class CryptoInteropTest {
    private static final byte[] MSG = "interop".getBytes(StandardCharsets.UTF_8);

    @Test
    void keysFromFixtureSeedsMatchTheFixturePublicKeysAndIds() throws Exception {
        JsonNode fx = new ObjectMapper().readTree(
                Files.readAllBytes(Fixtures.dir().resolve("happy_path_depth_1.json")));
        for (JsonNode e : fx.get("entities")) {
            HybridKeyPair kp = HybridKeyPair.fromSeeds(Bytes.fromHex(e.get("ed25519_seed_hex").asText()),
                    Bytes.fromHex(e.get("ml_dsa_65_seed_hex").asText()));
            assertThat(kp.publicKey().ed25519().toBase64())
                    .isEqualTo(e.get("public_key").get("ed25519").asText());
            assertThat(kp.publicKey().mlDsa65().toBase64())
                    .isEqualTo(e.get("public_key").get("ml_dsa_65").asText());
            assertThat(kp.id()).isEqualTo(e.get("id").asText());
        }
    }

    @Test
    void jdkMlDsaVerifiesBouncyCastleSignaturesAndAgreesOnForgeries() {
        assumeTrue(MlDsa.jdkAvailable(), "JDK has no ML-DSA provider (needs JDK 24+)");
        HybridKeyPair kp = TestKit.key(9);
        HybridSignature sig = kp.sign(MSG, TestKit.random(1));
        byte[] pub = kp.publicKey().mlDsa65().toArray();
        byte[] s = sig.mlDsa65().toArray();
        assertThat(MlDsa.verify(MlDsa.Impl.JDK, pub, MSG, s)).isTrue();
        assertThat(MlDsa.verify(MlDsa.Impl.BOUNCY_CASTLE, pub, MSG, s)).isTrue();
        s[17] ^= 4;
        assertThat(MlDsa.verify(MlDsa.Impl.JDK, pub, MSG, s)).isFalse();
        assertThat(MlDsa.verify(MlDsa.Impl.BOUNCY_CASTLE, pub, MSG, s)).isFalse();
    }

    @Test
    void runtimePicksTheJdkMlDsaWhenPresent() {
        assertThat(MlDsa.implementation())
                .isEqualTo(MlDsa.jdkAvailable() ? MlDsa.Impl.JDK : MlDsa.Impl.BOUNCY_CASTLE);
    }

    @Test
    void jdkEd25519AgreesWithBouncyCastle() {
        HybridKeyPair kp = TestKit.key(11);
        byte[] sig = kp.sign(MSG, null).ed25519().toArray();
        byte[] pub = kp.publicKey().ed25519().toArray();
        assertThat(Ed25519s.verify(pub, MSG, sig)).isTrue();
        assertThat(Ed25519s.verifyJdk(pub, MSG, sig)).isTrue();
        sig[0] ^= 1;
        assertThat(Ed25519s.verify(pub, MSG, sig)).isFalse();
        assertThat(Ed25519s.verifyJdk(pub, MSG, sig)).isFalse();
    }

    @Test
    void deterministicSigningIsReproducibleAndHedgedSigningIsNot() {
        HybridKeyPair kp = TestKit.key(12);
        assertThat(kp.sign(MSG, null)).isEqualTo(kp.sign(MSG, null));
        assertThat(kp.sign(MSG, TestKit.random(1)).mlDsa65())
                .isNotEqualTo(kp.sign(MSG, TestKit.random(2)).mlDsa65());
    }

    @Test
    void keyPairFileRoundTripsAndDetectsTampering() {
        KeyPairFile f = KeyPairFile.agent(TestKit.AGENT, "Voice Bot", "voice_agent", TestKit.NOW);
        byte[] json = RatifyJson.encode(f);
        KeyPairFile back = RatifyJson.decodeKeyPairFile(json);
        assertThat(back).isEqualTo(f);
        assertThat(back.keyPair().toString()).doesNotContain(TestKit.AGENT.ed25519Seed().toBase64());
        String other = TestKit.ROOT.publicKey().ed25519().toBase64();
        String tampered = new String(json, StandardCharsets.UTF_8)
                .replace(TestKit.AGENT.publicKey().ed25519().toBase64(), other);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> RatifyJson.decodeKeyPairFile(tampered.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RatifyDecodeException.class)
                .hasMessageContaining("$.public_key");
    }
}
