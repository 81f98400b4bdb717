package dev.herald.evidence.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.Fixtures;
import dev.herald.evidence.Reference;
import dev.herald.evidence.artifact.ArtifactSigner;
import dev.herald.evidence.json.Json;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Walks every field of the published samples and of a Herald-assembled artifact, changes or
 * removes it alone, and asserts that exactly the checks {@link FieldCoverage} maps it to fail
 * (or, for a check that passed, drop to NOT_VALIDATED), both as is and after re-signing.
 */
class FieldMutationTest {
    private static final VerifyOptions OPTIONS = VerifyOptions.defaults()
            .withTrustAnchors(List.of(Fixtures.tsaCredentials().root()));

    @ParameterizedTest
    @EnumSource(FieldCoverage.Sample.class)
    void everySingleFieldChange_failsExactlyTheChecksCoveringIt(FieldCoverage.Sample sample) throws Exception {
        ObjectNode original = load(sample);
        ArtifactVerifier verifier = new ArtifactVerifier(OPTIONS);
        VerificationReport baseline = verifier.verify(original);
        assertThat(baseline.verified()).as(ReportRenderer.text(baseline)).isTrue();

        List<String> mismatches = new ArrayList<>();
        Set<String> signatureOnly = new TreeSet<>();
        List<FieldWalker.Mutation> mutations = FieldWalker.mutations(original);
        for (FieldWalker.Mutation mutation : mutations) {
            Set<Check> expected = FieldCoverage.resigned(sample, mutation, original);
            if (expected == null) {
                mismatches.add(mutation + ": no rule maps this field");
                continue;
            }
            ObjectNode mutated = mutation.applyTo(original);
            Set<Check> plain = broken(baseline, verifier.verify(mutated));
            Set<Check> expectedPlain = FieldCoverage.unsigned(expected, mutation);
            if (!plain.equals(expectedPlain)) {
                mismatches.add(mutation + ": expected " + expectedPlain + " but " + plain);
            }
            assertThat(verifier.verify(mutated).verified() && !expectedPlain.isEmpty()).isFalse();
            if (mutation.path().startsWith("signatures")) {
                if (expectedPlain.isEmpty()) {
                    signatureOnly.add("(unsigned metadata) " + mutation.kind() + " " + FieldCoverage.normalize(mutation.path()));
                }
                continue;
            }
            ArtifactSigner.sign(mutated, Fixtures.issuer(), Fixtures.CLOCK.instant());
            Set<Check> resigned = broken(baseline, verifier.verify(mutated));
            if (!resigned.equals(expected)) {
                mismatches.add(mutation + " (re-signed): expected " + expected + " but " + resigned);
            }
            if (expected.isEmpty()) {
                signatureOnly.add(mutation.kind() + " " + FieldCoverage.normalize(mutation.path()));
            }
        }
        System.out.println(sample + ": " + mutations.size() + " mutations; covered only by issuer_signature:");
        signatureOnly.forEach(f -> System.out.println("  " + f));
        assertThat(mutations).hasSizeGreaterThan(80);
        assertThat(mismatches).isEmpty();
    }

    /** Checks that now FAIL, or that passed before and are now NOT_VALIDATED. */
    private static Set<Check> broken(VerificationReport baseline, VerificationReport now) {
        Set<Check> out = EnumSet.noneOf(Check.class);
        for (CheckResult result : now.checks()) {
            CheckStatus before = baseline.status(result.check());
            if (result.status() == CheckStatus.FAIL
                    || (before == CheckStatus.PASS && result.status() == CheckStatus.NOT_VALIDATED)) {
                out.add(result.check());
            }
        }
        return out;
    }

    private static ObjectNode load(FieldCoverage.Sample sample) throws Exception {
        return switch (sample) {
            case HERALD -> Fixtures.artifact("sess_mutation", 5).json();
            case KEEL_V3 -> (ObjectNode) Json.parse(Reference.keelBytes("voice_session_export_v3.json"));
            case KEEL_V1 -> (ObjectNode) Json.parse(Reference.keelBytes("voice_session_export_v1.json"));
        };
    }
}
