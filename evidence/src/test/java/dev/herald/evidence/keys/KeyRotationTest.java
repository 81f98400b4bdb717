package dev.herald.evidence.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.evidence.Fixtures;
import dev.herald.evidence.Reference;
import dev.herald.evidence.artifact.Artifact;
import dev.herald.evidence.artifact.ArtifactAssembler;
import dev.herald.evidence.verify.ArtifactVerifier;
import dev.herald.evidence.verify.Check;
import dev.herald.evidence.verify.CheckStatus;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRotationTest {
    private static Artifact signedBy(IssuerKeyPair key, String session) {
        return new ArtifactAssembler(key, Fixtures.inProcessClient(), Fixtures.CLOCK).assemble(Fixtures.session(session, 3));
    }

    private static VerificationReport verify(Artifact artifact, List<IssuerPublicKey> pinned) {
        return new ArtifactVerifier(VerifyOptions.defaults().withPinnedKeys(pinned)).verify(artifact.canonicalBytes());
    }

    @Test
    void artifactSignedBeforeRotation_stillVerifiesWithTheRingsKeys() {
        KeyRing ring = KeyRing.of(IssuerKeyPair.generate(Fixtures.random(21)));
        Artifact before = signedBy(ring.active(), "sess_before");

        KeyRing rotated = ring.rotate(Fixtures.random(22));
        Artifact after = signedBy(rotated.active(), "sess_after");

        assertThat(rotated.active().keyId()).isNotEqualTo(ring.active().keyId());
        assertThat(rotated.retired()).containsExactly(ring.active().publicKey());
        assertThat(verify(before, rotated.verificationKeys()).verified()).isTrue();
        assertThat(verify(after, rotated.verificationKeys()).verified()).isTrue();
        assertThat(rotated.findByKeyId(ring.active().keyId())).contains(ring.active().publicKey());
    }

    @Test
    void retiredKeyNotSupplied_failsThePin() {
        KeyRing ring = KeyRing.of(IssuerKeyPair.generate(Fixtures.random(23)));
        Artifact before = signedBy(ring.active(), "sess_old");
        KeyRing rotated = ring.rotate(Fixtures.random(24));

        VerificationReport report = verify(before, List.of(rotated.active().publicKey()));

        assertThat(report.status(Check.ISSUER_SIGNATURE)).isEqualTo(CheckStatus.PASS);
        assertThat(report.status(Check.ISSUER_AUTHENTICATED)).isEqualTo(CheckStatus.FAIL);
        assertThat(report.verified()).isFalse();
    }

    @Test
    void pinnedKey_validSignatureByAnotherKeyFails() {
        IssuerPublicKey expected = IssuerKeyPair.generate(Fixtures.random(25)).publicKey();

        VerificationReport sample = new ArtifactVerifier(VerifyOptions.defaults().withPinnedKeys(List.of(expected)))
                .verify(Reference.keelBytes("voice_session_export_v3.json"));

        assertThat(sample.status(Check.ISSUER_SIGNATURE)).isEqualTo(CheckStatus.PASS);
        assertThat(sample.status(Check.ISSUER_AUTHENTICATED)).isEqualTo(CheckStatus.FAIL);
        assertThat(sample.exitCode()).isEqualTo(1);
    }

    @Test
    void pinnedKey_matchingSampleKeyPasses_inEitherTextForm() {
        String published = "ed25519:QZbGRJQZdOYf/ecudWHr0JbkXb7SMCRU5BSvbqRHvIM=";
        for (String form : List.of(published, published.substring("ed25519:".length()))) {
            VerificationReport report = new ArtifactVerifier(VerifyOptions.defaults().withPinnedKeys(List.of(IssuerPublicKey.parse(form))))
                    .verify(Reference.keelBytes("voice_session_export_v3.json"));
            assertThat(report.status(Check.ISSUER_AUTHENTICATED)).isEqualTo(CheckStatus.PASS);
            assertThat(report.verified()).isTrue();
        }
    }

    @Test
    void keyPair_roundTripsThroughSeed_andHidesIt() {
        IssuerKeyPair key = IssuerKeyPair.generate(Fixtures.random(26));
        IssuerKeyPair restored = IssuerKeyPair.fromBase64Seed(key.seedBase64());
        assertThat(restored.publicKey()).isEqualTo(key.publicKey());
        assertThat(key.toString()).doesNotContain(key.seedBase64()).contains("redacted");
        assertThat(key.publicKey().verify("m".getBytes(), restored.sign("m".getBytes()))).isTrue();
        assertThat(IssuerPublicKey.parse("ed25519:short")).isNull();
    }
}
