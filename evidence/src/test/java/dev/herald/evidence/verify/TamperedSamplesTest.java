package dev.herald.evidence.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.Reference;
import dev.herald.evidence.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Hand-written tampering stories on the published samples, and the CLI-facing renderings. */
class TamperedSamplesTest {
    private static VerificationReport tampered(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode artifact = (ObjectNode) Json.parse(Reference.keelBytes("voice_session_export_v3.json"));
        edit.accept(artifact);
        return new EvidenceVerifier(VerifyOptions.defaults()).verify(artifact.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rewrittenEventOutcome_failsSignatureAndChain() throws Exception {
        VerificationReport report = tampered(a -> ((ObjectNode) a.get("chain").get(1)).put("outcome", "tool_call_denied"));
        assertThat(report.status(Check.ISSUER_SIGNATURE)).isEqualTo(CheckStatus.FAIL);
        assertThat(report.status(Check.CHAIN_INTEGRITY)).isEqualTo(CheckStatus.FAIL);
        assertThat(report.result(Check.CHAIN_INTEGRITY).orElseThrow().reason()).isEqualTo(Reason.CONTENT_HASH_MISMATCH);
        assertThat(ReportRenderer.text(report)).contains("FAIL chain_integrity [content_hash_mismatch]: chain[1]").endsWith("NOT VERIFIED attestation_artifact\n");
    }

    @Test
    void swappedPolicy_failsPolicyHash() throws Exception {
        VerificationReport report = tampered(a -> ((ObjectNode) a.get("policy_snapshot").get("policies").get(0).get("policy_json"))
                .put("require_ai_disclosure", false));
        assertThat(report.status(Check.POLICY_SNAPSHOT_HASH)).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void replacedTimestampToken_failsReceipt() throws Exception {
        VerificationReport report = tampered(a -> {
            String other = "MIGRBgkqhkiG9w0BBwKggYMwgYACAQMxDzANBglghkgBZQMEAgEFADBoBgsqhkiG9w0BCRABBKBZBFcwVQIBAQYJKwYBBAGGjR8BMDEwDQYJYIZIAWUDBAIBBQAEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgEBGA8yMDI2MDQxNTEyMDAwMVoxAA==";
            ((ObjectNode) a.get("rfc3161_timestamp_receipt")).put("tsa_response_base64", other);
        });
        assertThat(report.status(Check.RFC3161_TIMESTAMP_RECEIPT)).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void degradedCopy_isReportedAsFailedEvidence() throws Exception {
        VerificationReport report = tampered(a -> {
            a.putNull("rfc3161_timestamp_receipt");
            a.put("tsa_status", "degraded_no_receipt");
        });
        assertThat(report.result(Check.RFC3161_TIMESTAMP_RECEIPT).orElseThrow().reason()).isEqualTo(Reason.DEGRADED_NO_RECEIPT);
    }

    @Test
    void notJson_isReportedNotThrown() {
        VerificationReport report = new EvidenceVerifier(VerifyOptions.defaults()).verify("{oops".getBytes(StandardCharsets.UTF_8));
        assertThat(report.status(Check.ARTIFACT_SCHEMA)).isEqualTo(CheckStatus.FAIL);
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void floatsInTheArtifact_failSchema() throws Exception {
        VerificationReport report = tampered(a -> ((ObjectNode) a.get("session_metadata")).put("duration", 1.5));
        assertThat(report.result(Check.ARTIFACT_SCHEMA).orElseThrow().reason()).isEqualTo(Reason.NOT_CANONICALIZABLE);
    }

    @Test
    void trustDemanded_samplesFailTheTsaChain() {
        VerificationReport report = new EvidenceVerifier(VerifyOptions.defaults().withRequireTrust(true))
                .verify(Reference.keelBytes("voice_session_export_v3.json"));
        assertThat(report.status(Check.TSA_CERTIFICATE_CHAIN)).isEqualTo(CheckStatus.FAIL);
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void jsonRendering_listsEveryCheckWithStatusAndReason() throws Exception {
        VerificationReport report = new EvidenceVerifier(VerifyOptions.defaults()).verify(Reference.keelBytes("voice_session_export_v1.json"));
        JsonNode json = Json.parse(ReportRenderer.json(report).getBytes(StandardCharsets.UTF_8));
        assertThat(json.get("verified").asBoolean()).isTrue();
        assertThat(json.get("subject").asText()).isEqualTo("attestation_artifact");
        assertThat(json.get("checks")).extracting(c -> c.get("check").asText()).containsExactly("artifact_schema",
                "issuer_signature", "chain_integrity", "policy_snapshot_hash", "rfc3161_timestamp_receipt",
                "project_chain_head_binding", "tsa_certificate_chain", "timestamp_not_before_first_event",
                "issuer_authenticated", "permit_linkage");
        assertThat(json.get("checks").get(6).get("status").asText()).isEqualTo("not_validated");
        assertThat(json.get("issuer_authenticated").asBoolean()).isFalse();
        assertThat(report.exitCode()).isZero();
    }
}
