package dev.herald.evidence.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.evidence.Reference;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceSamplesTest {
    @ParameterizedTest
    @ValueSource(strings = {"voice_session_export_v3.json", "voice_session_export_v1.json"})
    void publishedSample_verifies(String file) {
        VerificationReport report = new EvidenceVerifier(VerifyOptions.defaults()).verify(Reference.keelBytes(file));
        assertThat(report.verified()).as(ReportRenderer.text(report)).isTrue();
        assertThat(report.exitCode()).isZero();
        for (Check check : List.of(Check.ARTIFACT_SCHEMA, Check.ISSUER_SIGNATURE, Check.CHAIN_INTEGRITY,
                Check.POLICY_SNAPSHOT_HASH, Check.RFC3161_TIMESTAMP_RECEIPT)) {
            assertThat(report.status(check)).as(check.wireName()).isEqualTo(CheckStatus.PASS);
        }
        // The published tokens carry no signer: imprint checked, origin "not validated", not failed.
        assertThat(report.result(Check.TSA_CERTIFICATE_CHAIN).orElseThrow().reason()).isEqualTo(Reason.UNSIGNED_TOKEN);
        assertThat(report.status(Check.TSA_CERTIFICATE_CHAIN)).isEqualTo(CheckStatus.NOT_VALIDATED);
        assertThat(report.status(Check.TIMESTAMP_NOT_BEFORE_FIRST_EVENT)).isEqualTo(CheckStatus.NOT_VALIDATED);
        // Nothing pinned: intact, issuer not authenticated; Keel's project head follows no rule Herald can recompute.
        assertThat(report.status(Check.ISSUER_AUTHENTICATED)).isEqualTo(CheckStatus.NOT_VALIDATED);
        assertThat(report.issuerAuthenticated()).isFalse();
        assertThat(report.status(Check.PROJECT_CHAIN_HEAD_BINDING)).isEqualTo(CheckStatus.NOT_VALIDATED);
        assertThat(report.status(Check.PERMIT_LINKAGE))
                .isEqualTo(file.contains("v3") ? CheckStatus.NOT_VALIDATED : CheckStatus.PASS);
    }
}
