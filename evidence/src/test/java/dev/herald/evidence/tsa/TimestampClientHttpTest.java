package dev.herald.evidence.tsa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.evidence.Fixtures;
import dev.herald.evidence.artifact.Artifact;
import dev.herald.evidence.artifact.ArtifactAssembler;
import dev.herald.evidence.json.Sha256;
import dev.herald.evidence.verify.ArtifactVerifier;
import dev.herald.evidence.verify.Check;
import dev.herald.evidence.verify.CheckStatus;
import dev.herald.evidence.verify.ReportRenderer;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimestampClientHttpTest {
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final Sha256 IMPRINT = Sha256.ofAscii("project chain head");

    private TsaHttpHost host;
    private URI herald;
    private URI slow;
    private URI failing;

    @BeforeEach
    void start() throws IOException {
        host = new TsaHttpHost();
        herald = host.mount("/tsa", Fixtures.tsa(), Duration.ZERO);
        slow = host.mount("/slow", Fixtures.tsa(), Duration.ofSeconds(3));
        failing = host.mount("/failing", request -> rejection(), Duration.ZERO);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private static TsaEndpoint.Http endpoint(String name, URI uri) {
        return new TsaEndpoint.Http(name, uri, TIMEOUT);
    }

    private static TimestampClient client(TsaEndpoint... endpoints) {
        return TimestampClient.over(List.of(endpoints), Fixtures.random(11), Fixtures.CLOCK);
    }

    private static byte[] rejection() {
        try {
            PKIStatusInfo status = new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText("down for maintenance"),
                    new PKIFailureInfo(PKIFailureInfo.systemFailure));
            return new TimeStampResp(status, null).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void heraldTsaOverHttp_grantsTokenForTheImprint() {
        TimestampOutcome outcome = client(endpoint("herald", herald)).stamp(IMPRINT);

        assertThat(outcome.tsaStatus()).isEqualTo("granted");
        assertThat(outcome.attempts()).extracting(TimestampAttempt::status).containsExactly(AttemptStatus.GRANTED);
        TimestampReceipt receipt = outcome.receipt().orElseThrow();
        assertThat(receipt.url()).isEqualTo(herald.toString());
        assertThat(receipt.genTime()).isEqualTo(Fixtures.CLOCK.instant());
    }

    @Test
    void timeoutThenFailureStatus_failsOverToTheNextTsa_recordingEveryAttempt() {
        TimestampOutcome outcome = client(endpoint("slow", slow), endpoint("failing", failing), endpoint("herald", herald))
                .stamp(IMPRINT);

        assertThat(outcome.attempts()).extracting(TimestampAttempt::status)
                .containsExactly(AttemptStatus.TIMEOUT, AttemptStatus.REJECTED, AttemptStatus.GRANTED);
        assertThat(outcome.attempts().get(1).detail()).contains("down for maintenance");
        assertThat(outcome.receipt().orElseThrow().provider()).isEqualTo("herald");
    }

    @Test
    void whenEveryTsaFails_outcomeIsDegradedWithNoReceipt() {
        URI missing = URI.create(herald.toString().replace("/tsa", "/nothing-here"));
        TimestampOutcome outcome = client(endpoint("slow", slow), endpoint("failing", failing), endpoint("missing", missing))
                .stamp(IMPRINT);

        assertThat(outcome.receipt()).isEmpty();
        assertThat(outcome.tsaStatus()).isEqualTo("degraded_no_receipt");
        assertThat(outcome.attempts()).extracting(TimestampAttempt::status)
                .containsExactly(AttemptStatus.TIMEOUT, AttemptStatus.REJECTED, AttemptStatus.TRANSPORT_ERROR);
    }

    @Test
    void replayedAnswerForAnotherRequest_isRejectedAsInvalid() {
        // A TSA that always answers with the response it gave to the first request it saw:
        // the nonce (and here also the imprint) no longer match.
        AtomicReference<byte[]> first = new AtomicReference<>();
        HeraldTimestampAuthority real = Fixtures.tsa();
        URI replaying = host.mount("/replay", request -> first.updateAndGet(old -> old != null ? old : real.respond(request)), Duration.ZERO);
        TimestampClient client = client(endpoint("replay", replaying));
        assertThat(client.stamp(IMPRINT).receipt()).isPresent();

        TimestampOutcome second = client.stamp(IMPRINT);

        assertThat(second.receipt()).isEmpty();
        assertThat(second.attempts().get(0).status()).isEqualTo(AttemptStatus.INVALID_RESPONSE);
    }

    @Test
    void artifactStampedOverHttpWithFailover_validatesAgainstHeraldRoot() {
        ArtifactAssembler assembler = new ArtifactAssembler(Fixtures.issuer(),
                client(endpoint("slow", slow), endpoint("failing", failing), endpoint("herald", herald)), Fixtures.CLOCK);
        Artifact artifact = assembler.assemble(Fixtures.session("sess_http", 6));

        VerificationReport report = new ArtifactVerifier(VerifyOptions.defaults()
                .withTrustAnchors(List.of(Fixtures.tsaCredentials().root()))
                .withPinnedKeys(List.of(Fixtures.issuer().publicKey())).withRequireTrust(true))
                .verify(artifact.canonicalBytes());

        assertThat(report.verified()).as(ReportRenderer.text(report)).isTrue();
        assertThat(report.status(Check.TSA_CERTIFICATE_CHAIN)).isEqualTo(CheckStatus.PASS);
        assertThat(artifact.json().get("rfc3161_timestamp_attempts")).hasSize(3);
        assertThat(artifact.json().get("rfc3161_timestamp_attempts").get(0).get("status").asText()).isEqualTo("timeout");
        assertThat(artifact.json().get("rfc3161_timestamp_receipt").get("tsa").asText()).isEqualTo(herald.toString());
    }

    @Test
    void artifactWhenEveryTsaFails_isDegradedSignedAndFailsReceiptCheck() {
        ArtifactAssembler assembler = new ArtifactAssembler(Fixtures.issuer(),
                client(endpoint("slow", slow), endpoint("failing", failing)), Fixtures.CLOCK);
        Artifact artifact = assembler.assemble(Fixtures.session("sess_down", 2));

        VerificationReport report = new ArtifactVerifier(VerifyOptions.defaults()).verify(artifact.canonicalBytes());

        assertThat(artifact.json().get("tsa_status").asText()).isEqualTo("degraded_no_receipt");
        assertThat(artifact.json().get("rfc3161_timestamp_attempts")).hasSize(2);
        assertThat(report.status(Check.ISSUER_SIGNATURE)).isEqualTo(CheckStatus.PASS);
        assertThat(report.status(Check.RFC3161_TIMESTAMP_RECEIPT)).isEqualTo(CheckStatus.FAIL);
        assertThat(report.exitCode()).isEqualTo(1);
    }
}
