package dev.herald.evidence.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.evidence.Fixtures;
import java.util.List;

/**
 * Coverage-guided fuzzing of the offline verifier reading an attestation artifact (or a signed
 * export) from untrusted bytes (docs/fuzzing.md). The contract: whatever the bytes, {@code verify}
 * returns a report and never throws; an artifact report holds every check of
 * {@link ArtifactVerifier#CHECKS} in order, an export report the export checks, each with a status
 * and a reason from the closed set; a check reports {@link Reason#OK} exactly when it passes.
 * Without {@code JAZZER_FUZZ} the build runs the committed seeds.
 */
class ArtifactVerifierFuzzTest {
    /** Trusts the fixtures' TSA root and pins their issuer key, so the fuzzer reaches every check. */
    private static final EvidenceVerifier VERIFIER = new EvidenceVerifier(VerifyOptions.defaults()
            .withTrustAnchors(List.of(Fixtures.tsaCredentials().root()))
            .withPinnedKeys(List.of(Fixtures.issuer().publicKey(), ArtifactSeeds.EXPORT_SIGNER.publicKey())));

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({"\\ud800", "\"schema_version\":1", "\"schema_version\":3", "4294967299", "1.5", "null",
            "\"tsa_status\":\"granted\"", "\"payload_materialization\":\"hash_only\"", "sha256:", "ed25519:"})
    void verifierReturnsAReportWithClosedReasons(byte[] input) {
        VerificationReport report = VERIFIER.verify(input);

        List<Check> expected = report.subject() == VerificationReport.Subject.EXPORT ? ExportVerifier.CHECKS
                : ArtifactVerifier.CHECKS;
        assertThat(report.checks()).extracting(CheckResult::check).containsExactlyElementsOf(expected);
        for (CheckResult result : report.checks()) {
            assertThat(result.reason() == Reason.OK).as(result.toString())
                    .isEqualTo(result.status() == CheckStatus.PASS);
        }
        assertThat(report.exitCode()).isEqualTo(report.verified() ? 0 : 1);
    }
}
