package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationReceiptsTest {
    private static final HybridKeyPair VERIFIER = TestKit.key(9);
    private static final ProofBundle BUNDLE = TestKit.bundle(
            List.of(TestKit.rootToAgent(List.of("meeting:speak", "meeting:attend"), List.of())),
            TestKit.AGENT);
    private static final VerifyResult OK =
            Verifier.sequential().verify(BUNDLE, TestKit.opts().requiredScope("meeting:speak").build());

    private static VerificationReceipt issue(VerifyResult result, Bytes prev, long at) {
        return VerificationReceipts.issue(BUNDLE, result, VERIFIER, prev, at, TestKit.random(3));
    }

    @Test
    void aReceiptRoundTripsThroughTheWireAndVerifiesAgainstItsVerifier() {
        VerificationReceipt r = issue(OK, VerificationReceipts.GENESIS, TestKit.NOW);
        assertThat(r.decision()).isEqualTo(IdentityStatus.AUTHORIZED_AGENT);
        assertThat(r.bundleHash()).isEqualTo(VerificationReceipts.bundleHash(BUNDLE));
        assertThat(r.verifierId()).isEqualTo(VERIFIER.id());
        assertThat(r.grantedScope()).containsExactly("meeting:attend", "meeting:speak");

        VerificationReceipt decoded = RatifyJson.decodeVerificationReceipt(RatifyJson.encode(r));
        assertThat(decoded).isEqualTo(r);
        VerificationReceipts.verify(decoded, VERIFIER.publicKey());
    }

    @Test
    void aFailedVerdictGetsAReceiptWithItsErrorReason() {
        VerifyResult denied = Verifier.sequential().verify(BUNDLE,
                TestKit.opts().revocation(RevocationProvider.of(
                        List.of(BUNDLE.delegations().get(0).certId()))).build());
        VerificationReceipt r = issue(denied, VerificationReceipts.GENESIS, TestKit.NOW);
        assertThat(r.decision()).isEqualTo(IdentityStatus.REVOKED);
        assertThat(r.errorReason()).isEqualTo(denied.errorReason());
        String json = new String(RatifyJson.encode(r), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"decision\":\"revoked\"").doesNotContain("granted_scope");
        VerificationReceipts.verify(RatifyJson.decodeVerificationReceipt(RatifyJson.encode(r)));
    }

    @Test
    void aChangedDecisionOrBundleHashNoLongerVerifies() {
        VerificationReceipt r = issue(OK, VerificationReceipts.GENESIS, TestKit.NOW);
        VerificationReceipt flipped = new VerificationReceipt(r.version(), r.bundleHash(),
                IdentityStatus.REVOKED, r.errorReason(), r.grantedScope(), r.humanId(), r.agentId(),
                r.prevHash(), r.verifiedAt(), r.verifierId(), r.verifierPub(), r.signature());
        assertThatThrownBy(() -> VerificationReceipts.verify(flipped))
                .isInstanceOfSatisfying(VerificationReceipts.ReceiptException.class,
                        e -> assertThat(e.defect()).isEqualTo(VerificationReceipts.Defect.BAD_SIGNATURE));
        ProofBundle other = TestKit.bundle(
                List.of(TestKit.rootToAgent(List.of("meeting:attend"), List.of())), TestKit.AGENT);
        assertThat(VerificationReceipts.bundleHash(other)).isNotEqualTo(r.bundleHash());
        VerificationReceipt swapped = new VerificationReceipt(r.version(),
                VerificationReceipts.bundleHash(other), r.decision(), r.errorReason(), r.grantedScope(),
                r.humanId(), r.agentId(), r.prevHash(), r.verifiedAt(), r.verifierId(), r.verifierPub(),
                r.signature());
        assertThatThrownBy(() -> VerificationReceipts.verify(swapped))
                .isInstanceOf(VerificationReceipts.ReceiptException.class);
    }

    @Test
    void aReceiptSignedByAnotherKeyIsNotTrusted() {
        VerificationReceipt r = VerificationReceipts.issue(BUNDLE, OK, TestKit.SUB,
                VerificationReceipts.GENESIS, TestKit.NOW, null);
        VerificationReceipts.verify(r);
        assertThatThrownBy(() -> VerificationReceipts.verify(r, VERIFIER.publicKey()))
                .isInstanceOfSatisfying(VerificationReceipts.ReceiptException.class,
                        e -> assertThat(e.defect()).isEqualTo(VerificationReceipts.Defect.UNTRUSTED_VERIFIER));
        VerificationReceipt lying = new VerificationReceipt(r.version(), r.bundleHash(), r.decision(),
                r.errorReason(), r.grantedScope(), r.humanId(), r.agentId(), r.prevHash(),
                r.verifiedAt(), VERIFIER.id(), r.verifierPub(), r.signature());
        assertThatThrownBy(() -> VerificationReceipts.verify(lying))
                .isInstanceOfSatisfying(VerificationReceipts.ReceiptException.class,
                        e -> assertThat(e.defect()).isEqualTo(VerificationReceipts.Defect.VERIFIER_ID_MISMATCH));
    }

    @Test
    void tamperingAnEarlierReceiptBreaksTheChain() {
        VerificationReceipt first = issue(OK, VerificationReceipts.GENESIS, TestKit.NOW);
        VerificationReceipt second = issue(OK, VerificationReceipts.receiptHash(first), TestKit.NOW + 1);
        VerificationReceipts.verifyChain(List.of(first, second), VERIFIER.publicKey());

        VerificationReceipt backdated = issue(OK, VerificationReceipts.GENESIS, TestKit.NOW - 60);
        assertThatThrownBy(() -> VerificationReceipts.verifyChain(List.of(backdated, second),
                VERIFIER.publicKey()))
                .isInstanceOfSatisfying(VerificationReceipts.ReceiptException.class,
                        e -> assertThat(e.defect()).isEqualTo(VerificationReceipts.Defect.BROKEN_CHAIN));
    }

    @Test
    void theBundleHashGivesAbsentOptionalFieldsFixedValues() {
        String hashed = new String(SignableBytes.bundleForHash(BUNDLE), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(hashed).contains("\"session_context\":\"\"", "\"stream_id\":\"\"", "\"stream_seq\":0");
        assertThat(VerificationReceipts.bundleHash(BUNDLE).toArray())
                .isNotEqualTo(dev.herald.ratify.internal.Digests.sha256(RatifyJson.encode(BUNDLE)));
    }

    @Test
    void theDecoderRejectsUnknownFieldsAndUnknownDecisions() {
        String json = new String(RatifyJson.encode(issue(OK, VerificationReceipts.GENESIS, TestKit.NOW)),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RatifyJson.decodeVerificationReceipt(
                json.replace("\"authorized_agent\"", "\"approved\"").getBytes()))
                .isInstanceOf(RatifyDecodeException.class).hasMessageContaining("decision");
        assertThatThrownBy(() -> RatifyJson.decodeVerificationReceipt(
                json.replace("{\"agent_id\"", "{\"extra\":1,\"agent_id\"").getBytes()))
                .isInstanceOf(RatifyDecodeException.class).hasMessageContaining("unknown field");
    }
}
