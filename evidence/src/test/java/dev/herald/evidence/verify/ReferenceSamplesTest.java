package dev.herald.evidence.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.evidence.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceSamplesTest {
    @ParameterizedTest
    @ValueSource(strings = {"voice_session_export_v3.json", "voice_session_export_v1.json"})
    void publishedSample_verifies(String file) {
        VerificationReport report = new EvidenceVerifier(VerifyOptions.defaults()).verify(Reference.keelBytes(file));
        System.out.println(ReportRenderer.text(report));
        assertThat(report.verified()).isTrue();
    }
}
