package dev.herald.evidence.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.Fixtures;
import dev.herald.evidence.Reference;
import dev.herald.evidence.artifact.ArtifactAssembler;
import dev.herald.evidence.artifact.ArtifactSigner;
import dev.herald.evidence.json.Json;
import dev.herald.evidence.keys.IssuerKeyPair;
import dev.herald.evidence.keys.IssuerKeysDocument;
import dev.herald.evidence.keys.KeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Forgeries re-signed with another key: the signature then verifies under the key the file
 * embeds, so only the binding of the time-stamped project chain head to the chain, and pinning
 * the issuer (a key or the published key document), tell them apart.
 */
class ResignedForgeryTest {
    private static final VerifyOptions TRUSTING_THE_TSA = VerifyOptions.defaults()
            .withTrustAnchors(List.of(Fixtures.tsaCredentials().root()));
    private static final List<Check> OLD_CHECKS = List.of(Check.ARTIFACT_SCHEMA, Check.ISSUER_SIGNATURE,
            Check.CHAIN_INTEGRITY, Check.POLICY_SNAPSHOT_HASH, Check.RFC3161_TIMESTAMP_RECEIPT,
            Check.TSA_CERTIFICATE_CHAIN, Check.TIMESTAMP_NOT_BEFORE_FIRST_EVENT, Check.PERMIT_LINKAGE);

    /** Six events; the last carries no permit, so removing it leaves every permit bound. */
    private static ObjectNode genuine(IssuerKeyPair issuer, Clock clock) throws Exception {
        byte[] bytes = new ArtifactAssembler(issuer, Fixtures.inProcessClient(), clock)
                .assemble(Fixtures.session("sess_forgery", 6)).canonicalBytes();
        return (ObjectNode) Json.parse(bytes);
    }

    private static byte[] resigned(ObjectNode artifact, long seed) {
        return ArtifactSigner.sign(artifact, IssuerKeyPair.generate(Fixtures.random(seed)), Fixtures.CLOCK.instant());
    }

    @Test
    void lastEntryRemovedAndRelinked_reSignedWithAnotherKey_failsTheProjectChainHeadBinding_evenUnpinned() throws Exception {
        ObjectNode artifact = genuine(Fixtures.issuer(), Fixtures.CLOCK);
        assertThat(new ArtifactVerifier(TRUSTING_THE_TSA).verify(artifact).status(Check.PROJECT_CHAIN_HEAD_BINDING))
                .isEqualTo(CheckStatus.PASS);
        ArrayNode chain = (ArrayNode) artifact.get("chain");
        chain.remove(chain.size() - 1);
        JsonNode last = chain.get(chain.size() - 1);
        ObjectNode head = (ObjectNode) artifact.get("chain_head");
        head.put("content_hash", last.get("content_hash").asText());
        head.put("event_count", chain.size());
        head.put("sequence", last.get("sequence").asLong());

        VerificationReport report = new ArtifactVerifier(TRUSTING_THE_TSA).verify(resigned(artifact, 31));

        for (Check check : OLD_CHECKS) {
            assertThat(report.status(check)).as(check.wireName()).isEqualTo(CheckStatus.PASS);
        }
        assertThat(report.result(Check.PROJECT_CHAIN_HEAD_BINDING).orElseThrow().reason()).isEqualTo(Reason.ANCHOR_MISMATCH);
        assertThat(report.verified()).isFalse();
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void changedAndReSignedWithAFreshKey_passesEveryOtherCheck_butIsReportedIssuerNotAuthenticated() throws Exception {
        IssuerKeyPair issuer = Fixtures.issuer();
        ObjectNode artifact = genuine(issuer, Fixtures.CLOCK);
        ((ObjectNode) artifact.get("session_metadata")).put("model", "a-model-that-never-ran");
        byte[] forged = resigned(artifact, 32);

        VerificationReport unpinned = new ArtifactVerifier(TRUSTING_THE_TSA).verify(forged);
        for (Check check : ArtifactVerifier.CHECKS) {
            assertThat(unpinned.status(check)).as(check.wireName())
                    .isEqualTo(check == Check.ISSUER_AUTHENTICATED ? CheckStatus.NOT_VALIDATED : CheckStatus.PASS);
        }
        assertThat(unpinned.result(Check.ISSUER_AUTHENTICATED).orElseThrow().reason()).isEqualTo(Reason.ISSUER_NOT_AUTHENTICATED);
        assertThat(unpinned.verified()).isTrue();
        assertThat(unpinned.exitCode()).isZero();
        assertThat(unpinned.issuerAuthenticated()).isFalse();
        assertThat(ReportRenderer.text(unpinned)).contains("NOTE issuer_authenticated [issuer_not_authenticated]")
                .endsWith("VERIFIED attestation_artifact (issuer not authenticated)\n");
        JsonNode json = Json.parse(ReportRenderer.json(unpinned).getBytes(StandardCharsets.UTF_8));
        assertThat(json.get("verified").asBoolean()).isTrue();
        assertThat(json.get("issuer_authenticated").asBoolean()).isFalse();

        VerificationReport required = new ArtifactVerifier(TRUSTING_THE_TSA.withRequireTrust(true)).verify(forged);
        assertThat(required.status(Check.ISSUER_AUTHENTICATED)).isEqualTo(CheckStatus.FAIL);
        assertThat(required.exitCode()).isEqualTo(1);

        IssuerKeysDocument published = document(KeyRing.of(issuer, Fixtures.START));
        VerificationReport withDocument = new ArtifactVerifier(TRUSTING_THE_TSA.withIssuerKeys(published)).verify(forged);
        assertThat(withDocument.result(Check.ISSUER_AUTHENTICATED).orElseThrow().reason()).isEqualTo(Reason.KEY_NOT_PINNED);
        assertThat(withDocument.exitCode()).isEqualTo(1);
    }

    @Test
    void rotatedOutKey_stillAuthenticatesWhatItSignedWhileActive_butNothingIssuedAfter() throws Exception {
        IssuerKeyPair first = IssuerKeyPair.generate(Fixtures.random(41));
        IssuerKeyPair second = IssuerKeyPair.generate(Fixtures.random(42));
        Instant rotatedAt = Fixtures.CLOCK.instant().plus(Duration.ofDays(1));
        KeyRing ring = KeyRing.of(first, Fixtures.START.minus(Duration.ofDays(30))).rotateTo(second, rotatedAt);
        IssuerKeysDocument published = document(ring);
        assertThat(published.keys()).extracting(IssuerKeysDocument.Entry::status).containsExactly("active", "retired");

        byte[] older = ArtifactSigner.sign(genuine(first, Fixtures.CLOCK), first, Fixtures.CLOCK.instant());
        VerificationReport report = new ArtifactVerifier(TRUSTING_THE_TSA.withIssuerKeys(published)).verify(older);
        assertThat(report.status(Check.ISSUER_AUTHENTICATED)).as(ReportRenderer.text(report)).isEqualTo(CheckStatus.PASS);
        assertThat(report.result(Check.ISSUER_AUTHENTICATED).orElseThrow().detail()).contains("retired");
        assertThat(report.verified()).isTrue();
        assertThat(ReportRenderer.text(report)).endsWith("VERIFIED attestation_artifact\n");

        // The retired key (say it leaked) signing an artifact issued after the rotation: refused.
        Clock later = Clock.fixed(rotatedAt.plus(Duration.ofHours(2)), ZoneOffset.UTC);
        byte[] afterRotation = ArtifactSigner.sign(genuine(first, later), first, later.instant());
        VerificationReport late = new ArtifactVerifier(VerifyOptions.defaults().withIssuerKeys(published)).verify(afterRotation);
        assertThat(late.result(Check.ISSUER_AUTHENTICATED).orElseThrow().reason()).isEqualTo(Reason.KEY_NOT_VALID_AT_ISSUE_TIME);
        assertThat(late.verified()).isFalse();

        byte[] byTheActiveKey = ArtifactSigner.sign(genuine(second, later), second, later.instant());
        assertThat(new ArtifactVerifier(VerifyOptions.defaults().withIssuerKeys(published)).verify(byTheActiveKey)
                .status(Check.ISSUER_AUTHENTICATED)).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void keelSamples_stillVerify_unpinnedAndWithTheirPublishedKey() throws Exception {
        for (String sample : List.of("voice_session_export_v3.json", "voice_session_export_v1.json")) {
            byte[] bytes = Reference.keelBytes(sample);
            VerificationReport unpinned = new ArtifactVerifier(VerifyOptions.defaults()).verify(bytes);
            assertThat(unpinned.verified()).as(sample).isTrue();
            assertThat(unpinned.status(Check.PROJECT_CHAIN_HEAD_BINDING)).isEqualTo(CheckStatus.NOT_VALIDATED);
            String key = Json.parse(bytes).get("signatures").get(0).get("public_key").asText();
            IssuerKeysDocument keel = IssuerKeysDocument.parse(("{\"keys\":[{\"algorithm\":\"ed25519\",\"public_key\":\""
                    + key + "\",\"status\":\"active\"}]}").getBytes(StandardCharsets.UTF_8));
            VerificationReport pinned = new ArtifactVerifier(VerifyOptions.defaults().withIssuerKeys(keel)).verify(bytes);
            assertThat(pinned.status(Check.ISSUER_AUTHENTICATED)).isEqualTo(CheckStatus.PASS);
            assertThat(pinned.verified()).isTrue();
        }
    }

    private static IssuerKeysDocument document(KeyRing ring) {
        return IssuerKeysDocument.parse(IssuerKeysDocument.json(ring).toString().getBytes(StandardCharsets.UTF_8));
    }
}
