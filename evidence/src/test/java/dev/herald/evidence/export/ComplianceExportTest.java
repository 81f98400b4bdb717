package dev.herald.evidence.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.Fixtures;
import dev.herald.evidence.Reference;
import dev.herald.evidence.artifact.Artifact;
import dev.herald.evidence.json.Json;
import dev.herald.evidence.keys.IssuerKeyPair;
import dev.herald.evidence.verify.Check;
import dev.herald.evidence.verify.CheckStatus;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.ReportRenderer;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComplianceExportTest {
    private static final IssuerKeyPair SIGNER = IssuerKeyPair.generate(Fixtures.random(31));
    private static final VerifyOptions TRUSTING = VerifyOptions.defaults()
            .withTrustAnchors(List.of(Fixtures.tsaCredentials().root()))
            .withPinnedKeys(List.of(SIGNER.publicKey(), Fixtures.issuer().publicKey()));

    private static List<JsonNode> artifacts() {
        Artifact a = Fixtures.artifact("sess_a", 9);
        Artifact b = Fixtures.artifact("sess_b", 4);
        return List.of(b.json(), a.json());
    }

    private static SignedExport export(ExportFilter filter) {
        return new ComplianceExporter(SIGNER, Fixtures.CLOCK).export(artifacts(), filter);
    }

    private static VerificationReport verify(byte[] bytes) {
        return new EvidenceVerifier(TRUSTING.withRequireTrust(true)).verify(bytes);
    }

    @Test
    void fullExportOverManySessions_roundTripsAndVerifies() throws Exception {
        SignedExport export = export(ExportFilter.all());

        VerificationReport report = verify(export.bytes());

        assertThat(report.subject()).isEqualTo(VerificationReport.Subject.EXPORT);
        assertThat(report.checks()).as(ReportRenderer.text(report)).allSatisfy(c -> assertThat(c.status()).isEqualTo(CheckStatus.PASS));
        JsonNode parsed = Json.parse(export.bytes());
        assertThat(parsed.get("export").get("sessions")).extracting(s -> s.get("session_id").asText()).containsExactly("sess_a", "sess_b");
        ObjectNode manifest = export.manifest();
        assertThat(manifest.get("event_count").asInt()).isEqualTo(13);
        assertThat(manifest.get("key_id").asText()).isEqualTo(SIGNER.keyId());
        assertThat(manifest.get("created_at").asText()).isEqualTo("2026-05-21T15:32:00Z");
        assertThat(manifest.get("export_content_hash").asText()).startsWith("sha256:");
    }

    @Test
    void filtersBySessionRequestAndTimeRange() throws Exception {
        ExportFilter filter = new ExportFilter(Set.of("sess_a"), Set.of("req_1", "req_2"),
                Optional.of(Instant.parse("2026-05-21T14:32:02Z")), Optional.of(Instant.parse("2026-05-21T14:32:09Z")));

        SignedExport export = export(filter);

        JsonNode sessions = export.document().get("export").get("sessions");
        assertThat(sessions).hasSize(1);
        // sess_a events i=0..8 occur at START+i+1 s, request req_(i%7): req_1 -> i=1,8; req_2 -> i=2.
        assertThat(sessions.get(0).get("events")).extracting(e -> e.get("event_id").asText())
                .containsExactly("sess_a_evt_1", "sess_a_evt_2");
        assertThat(verify(export.bytes()).verified()).isTrue();
        assertThat(export(new ExportFilter(Set.of(), Set.of("req_none"), Optional.empty(), Optional.empty()))
                .document().get("export").get("sessions")).isEmpty();
    }

    @Test
    void tamperedExportContent_failsContentHash() {
        ObjectNode document = export(ExportFilter.all()).document();
        ((ObjectNode) document.get("export").get("sessions").get(0).get("events").get(0)).put("request_id", "req_forged");

        VerificationReport report = verify(bytes(document));

        assertThat(report.status(Check.EXPORT_CONTENT_HASH)).isEqualTo(CheckStatus.FAIL);
        assertThat(report.status(Check.EXPORT_EVENT_SELECTION)).isEqualTo(CheckStatus.FAIL);
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void tamperedManifest_failsSignature() {
        ObjectNode document = export(ExportFilter.all()).document();
        ((ObjectNode) document.get("manifest")).put("created_at", "2020-01-01T00:00:00Z");
        ((ObjectNode) document.get("export")).put("created_at", "2020-01-01T00:00:00Z");
        ObjectNode manifest = (ObjectNode) document.get("manifest");
        manifest.put("export_content_hash", dev.herald.evidence.json.CanonicalJson.sha256(document.get("export")).prefixed());

        VerificationReport report = verify(bytes(document));

        assertThat(report.status(Check.EXPORT_CONTENT_HASH)).isEqualTo(CheckStatus.PASS);
        assertThat(report.status(Check.EXPORT_SIGNATURE)).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void reSignedByAnotherKey_failsThePin_andTamperedArtifactInsideIsNamed() {
        IssuerKeyPair other = IssuerKeyPair.generate(Fixtures.random(32));
        SignedExport foreign = new ComplianceExporter(other, Fixtures.CLOCK).export(artifacts(), ExportFilter.all());
        VerificationReport pinned = verify(foreign.bytes());
        assertThat(pinned.status(Check.EXPORT_SIGNATURE)).isEqualTo(CheckStatus.PASS);
        assertThat(pinned.status(Check.ISSUER_AUTHENTICATED)).isEqualTo(CheckStatus.FAIL);

        List<JsonNode> artifacts = artifacts();
        ((ObjectNode) artifacts.get(0).get("session_metadata")).put("model", "forged-model");
        SignedExport withForgedArtifact = new ComplianceExporter(SIGNER, Fixtures.CLOCK).export(artifacts, ExportFilter.all());
        VerificationReport report = verify(withForgedArtifact.bytes());
        assertThat(report.status(Check.EXPORT_SIGNATURE)).isEqualTo(CheckStatus.PASS);
        assertThat(report.result(Check.EXPORT_SESSION_ARTIFACTS).orElseThrow().detail()).contains("sess_b: issuer_signature");
    }

    @Test
    void exportOfThePublishedSamples_verifiesWithNotes() throws Exception {
        JsonNode v3 = Json.parse(Reference.keelBytes("voice_session_export_v3.json"));
        SignedExport export = new ComplianceExporter(SIGNER, Fixtures.CLOCK).export(List.of(v3), ExportFilter.all());

        VerificationReport report = new EvidenceVerifier(VerifyOptions.defaults()).verify(export.bytes());

        assertThat(report.verified()).as(ReportRenderer.text(report)).isTrue();
        assertThat(report.result(Check.EXPORT_SESSION_ARTIFACTS).orElseThrow().detail()).contains("not validated");
    }

    private static byte[] bytes(JsonNode document) {
        return document.toString().getBytes(StandardCharsets.UTF_8);
    }
}
