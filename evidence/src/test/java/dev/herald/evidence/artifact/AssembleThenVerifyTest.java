package dev.herald.evidence.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.EvidenceException;
import dev.herald.evidence.Fixtures;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.json.Sha256;
import dev.herald.evidence.tsa.TimestampClient;
import dev.herald.evidence.verify.ArtifactVerifier;
import dev.herald.evidence.verify.Check;
import dev.herald.evidence.verify.CheckStatus;
import dev.herald.evidence.verify.ReportRenderer;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssembleThenVerifyTest {
    private static VerifyOptions trustingHeraldRoot() {
        return VerifyOptions.defaults().withTrustAnchors(List.of(Fixtures.tsaCredentials().root()))
                .withPinnedKeys(List.of(Fixtures.issuer().publicKey()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10_000})
    void assembledArtifact_passesEveryCheck_withHeraldTsaRoot(int events) {
        Artifact artifact = Fixtures.artifact("sess_" + events, events);

        VerificationReport report = new ArtifactVerifier(trustingHeraldRoot().withRequireTrust(true)).verify(artifact.canonicalBytes());

        assertThat(report.checks()).as(ReportRenderer.text(report)).allSatisfy(c -> assertThat(c.status()).isEqualTo(CheckStatus.PASS));
        assertThat(report.exitCode()).isZero();
        assertThat(artifact.json().get("chain")).hasSize(events);
        assertThat(artifact.json().get("chain_head").get("event_count").asInt()).isEqualTo(events);
        assertThat(artifact.tsaStatus()).isEqualTo("granted");
        assertThat(report.result(Check.TSA_CERTIFICATE_CHAIN).orElseThrow().detail())
                .contains("validated by anchor").contains("Herald Timestamp Root CA");
    }

    @Test
    void assembling_leavesTheEvidenceAsGiven_andTheArtifactSharesNoNodeWithIt() {
        SessionEvidence session = Fixtures.session("sess_untouched", 6);
        String policy = session.policySnapshot().toString();
        String metadata = session.sessionMetadata().toString();
        String permits = session.childPermits().toString();

        Artifact artifact = Fixtures.assembler().assemble(session);
        ((ObjectNode) artifact.json().get("policy_snapshot")).put("tampered", true);
        ((ObjectNode) artifact.json().get("permits").get("child_tool_call_permits")
                .get(0)).put("tampered", true);

        assertThat(session.policySnapshot().toString()).isEqualTo(policy);
        assertThat(session.sessionMetadata().toString()).isEqualTo(metadata);
        assertThat(session.childPermits().toString()).isEqualTo(permits);
        assertThat(Fixtures.assembler().assemble(session).json().get("chain"))
                .isEqualTo(Fixtures.assembler().assemble(session).json().get("chain"));
    }

    @Test
    void emptyChain_headIsGenesis() {
        Artifact artifact = Fixtures.artifact("sess_empty", 0);
        assertThat(artifact.json().get("chain_head").get("content_hash").asText())
                .isEqualTo(Sha256.ofAscii("keel-voice-session-artifact-chain-genesis-v1").prefixed());
    }

    @Test
    void assembledArtifact_isCanonicalAndVersion3() {
        Artifact artifact = Fixtures.artifact("sess_fmt", 3);
        assertThat(CanonicalJson.bytes(artifact.json())).isEqualTo(artifact.canonicalBytes());
        assertThat(artifact.json().get("schema_version").asInt()).isEqualTo(3);
        assertThat(artifact.json().get("artifact_version").asText()).isEqualTo("1.2.0");
        assertThat(artifact.json().get("chain").get(0).get("payload_materialization").asText()).isEqualTo("hash_only");
        assertThat(artifact.json().get("chain").get(0).has("canonicalized_payload")).isFalse();
    }

    @Test
    void withoutAnyTsa_artifactIsSignedButDegraded_andReceiptCheckFails() {
        ArtifactAssembler assembler = new ArtifactAssembler(Fixtures.issuer(),
                new TimestampClient(List.of(), HttpClient.newHttpClient(), Fixtures.random(3), Fixtures.CLOCK), Fixtures.CLOCK);
        Artifact artifact = assembler.assemble(Fixtures.session("sess_degraded", 4));

        VerificationReport report = new ArtifactVerifier(trustingHeraldRoot()).verify(artifact.canonicalBytes());

        assertThat(artifact.tsaStatus()).isEqualTo("degraded_no_receipt");
        assertThat(report.status(Check.ISSUER_SIGNATURE)).isEqualTo(CheckStatus.PASS);
        assertThat(report.status(Check.RFC3161_TIMESTAMP_RECEIPT)).isEqualTo(CheckStatus.FAIL);
        assertThat(report.verified()).isFalse();
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void heraldToken_withoutHeraldRootAsAnchor_isNotValidated_unlessTrustDemanded() {
        Artifact artifact = Fixtures.artifact("sess_untrusted", 2);

        VerificationReport lenient = new ArtifactVerifier(VerifyOptions.defaults()).verify(artifact.canonicalBytes());
        VerificationReport strict = new ArtifactVerifier(VerifyOptions.defaults().withRequireTrust(true)).verify(artifact.canonicalBytes());

        assertThat(lenient.status(Check.TSA_CERTIFICATE_CHAIN)).isEqualTo(CheckStatus.NOT_VALIDATED);
        assertThat(lenient.verified()).isTrue();
        assertThat(strict.status(Check.TSA_CERTIFICATE_CHAIN)).isEqualTo(CheckStatus.FAIL);
        assertThat(strict.verified()).isFalse();
    }

    @Test
    void projectAnchorWithAnotherChainScope_isRefusedBeforeSigning() {
        SessionEvidence session = Fixtures.session("sess_scope", 3);
        ProjectAnchor foreign = new ProjectAnchor("project:someone_else", "pevt_1", "voice.session.ended",
                Sha256.ofAscii("previous"), 7, Sha256.ofAscii("head"));
        SessionEvidence withForeignAnchor = new SessionEvidence(session.sessionMetadata(), session.events(),
                session.policySnapshot(), session.parentSessionPermit(), session.childPermits(), Optional.of(foreign),
                session.regionAnchor());

        assertThatThrownBy(() -> Fixtures.assembler().assemble(withForeignAnchor))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("project:someone_else");
    }
}
