package dev.herald.evidence.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.Fixtures;
import dev.herald.evidence.artifact.ArtifactAssembler;
import dev.herald.evidence.artifact.ArtifactSigner;
import dev.herald.evidence.json.Sha256;
import dev.herald.evidence.tsa.HeraldTimestampAuthority;
import dev.herald.evidence.tsa.TimestampClient;
import dev.herald.evidence.tsa.TsaCredentials;
import dev.herald.evidence.tsa.TsaCredentialsFactory;
import dev.herald.evidence.tsa.TsaEndpoint;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsaTrustTest {
    private static VerificationReport verify(ObjectNode artifact, TsaCredentials anchor) {
        return new ArtifactVerifier(VerifyOptions.defaults().withTrustAnchors(List.of(anchor.root()))).verify(artifact);
    }

    @Test
    void tokenFromAnotherHeraldInstall_isNotValidatedAgainstThisRoot() {
        TsaCredentials otherInstall = new TsaCredentialsFactory(Fixtures.random(41), Fixtures.CLOCK).generate("Other");
        ObjectNode artifact = Fixtures.artifact("sess_other_root", 2).json();

        VerificationReport report = verify(artifact, otherInstall);

        assertThat(report.result(Check.TSA_CERTIFICATE_CHAIN).orElseThrow().reason()).isEqualTo(Reason.NO_TRUSTED_ANCHOR);
        assertThat(report.status(Check.TSA_CERTIFICATE_CHAIN)).isEqualTo(CheckStatus.NOT_VALIDATED);
        assertThat(report.status(Check.TIMESTAMP_NOT_BEFORE_FIRST_EVENT)).isEqualTo(CheckStatus.NOT_VALIDATED);
        assertThat(report.verified()).isTrue();
    }

    @Test
    void tokenWithBrokenCmsSignature_failsEvenWhenHashesAreConsistent() {
        ObjectNode artifact = Fixtures.artifact("sess_bad_cms", 2).json();
        ObjectNode receipt = (ObjectNode) artifact.get("rfc3161_timestamp_receipt");
        byte[] token = Base64.getDecoder().decode(receipt.get("tsa_response_base64").asText());
        token[token.length - 1] ^= 0x01; // last byte of the ECDSA signature value
        receipt.put("tsa_response_base64", Base64.getEncoder().encodeToString(token));
        receipt.put("receipt_hash", Sha256.of(token).prefixed());
        ArrayNode receipts = artifact.putArray("timestamp_receipts");
        receipts.add(receipt.deepCopy());
        ArtifactSigner.sign(artifact, Fixtures.issuer(), Fixtures.CLOCK.instant());

        VerificationReport report = verify(artifact, Fixtures.tsaCredentials());

        assertThat(report.status(Check.ISSUER_SIGNATURE)).isEqualTo(CheckStatus.PASS);
        assertThat(report.status(Check.RFC3161_TIMESTAMP_RECEIPT)).isEqualTo(CheckStatus.PASS);
        assertThat(report.result(Check.TSA_CERTIFICATE_CHAIN).orElseThrow().reason()).isEqualTo(Reason.BAD_TOKEN_SIGNATURE);
        assertThat(report.verified()).isFalse();
    }

    @Test
    void tokenStampedBeforeTheTsaCertificateWasValid_failsTheTokenCheck() {
        Clock early = Clock.fixed(Fixtures.START.minusSeconds(86_400), ZoneOffset.UTC);
        HeraldTimestampAuthority tsa = new HeraldTimestampAuthority(Fixtures.tsaCredentials(), early, Fixtures.random(45));
        TimestampClient client = new TimestampClient(List.of(new TsaEndpoint.InProcess("herald", "herald:skewed", tsa)),
                HttpClient.newHttpClient(), Fixtures.random(46), Fixtures.CLOCK);
        ObjectNode artifact = new ArtifactAssembler(Fixtures.issuer(), client, Fixtures.CLOCK)
                .assemble(Fixtures.session("sess_skewed", 1)).json();

        VerificationReport report = verify(artifact, Fixtures.tsaCredentials());

        assertThat(report.result(Check.TSA_CERTIFICATE_CHAIN).orElseThrow().reason()).isEqualTo(Reason.BAD_TOKEN_SIGNATURE);
    }

    @Test
    void trustedGenTimeBeforeTheFirstEvent_fails() {
        // The TSA's clock says the session had not started yet when its head was stamped.
        Clock early = Clock.fixed(Fixtures.START.minusSeconds(3600), ZoneOffset.UTC);
        TsaCredentials credentials = new TsaCredentialsFactory(Fixtures.random(44), early).generate("Early");
        HeraldTimestampAuthority tsa = new HeraldTimestampAuthority(credentials, early, Fixtures.random(42));
        TimestampClient client = new TimestampClient(List.of(new TsaEndpoint.InProcess("herald", "herald:early", tsa)),
                HttpClient.newHttpClient(), Fixtures.random(43), Fixtures.CLOCK);
        ObjectNode artifact = new ArtifactAssembler(Fixtures.issuer(), client, Fixtures.CLOCK)
                .assemble(Fixtures.session("sess_early", 3)).json();

        VerificationReport report = verify(artifact, credentials);

        assertThat(report.status(Check.TSA_CERTIFICATE_CHAIN)).isEqualTo(CheckStatus.PASS);
        assertThat(report.result(Check.TIMESTAMP_NOT_BEFORE_FIRST_EVENT).orElseThrow().reason())
                .isEqualTo(Reason.GEN_TIME_BEFORE_FIRST_EVENT);
        assertThat(report.verified()).isFalse();
    }
}
