package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VerifierTest {
    private static final Issuer ISSUER = TestKit.issuer();
    private static final DelegationCert CERT =
            TestKit.rootToAgent(List.of("meeting:attend", "meeting:speak"), List.of());
    private static final ProofBundle BUNDLE = TestKit.bundle(List.of(CERT), TestKit.AGENT);

    private static VerifyResult verify(ProofBundle b, VerifyOptions o) {
        VerifyResult seq = Verifier.sequential().verify(b, o);
        VerifyResult par = Verifier.parallel().verify(b, o);
        assertThat(par).as("parallel and sequential verifiers agree").isEqualTo(seq);
        return seq;
    }

    @Test
    void acceptsAValidDepthOneBundleAndReportsTheEffectiveScope() {
        VerifyResult r = verify(BUNDLE, TestKit.opts().requiredScope("meeting:speak").build());
        assertThat(r.valid()).isTrue();
        assertThat(r.humanId()).isEqualTo(TestKit.ROOT.id());
        assertThat(r.agentId()).isEqualTo(TestKit.AGENT.id());
        assertThat(r.grantedScope()).containsExactly("meeting:attend", "meeting:speak");
        assertThat(r.toJson()).isEqualTo("{\"agent_id\":\"" + TestKit.AGENT.id()
                + "\",\"granted_scope\":[\"meeting:attend\",\"meeting:speak\"],\"human_id\":\""
                + TestKit.ROOT.id() + "\",\"identity_status\":\"authorized_agent\",\"valid\":true}");
    }

    @Test
    void deniesAScopeOutsideTheGrant() {
        VerifyResult r = verify(BUNDLE, TestKit.opts().requiredScope("meeting:record").build());
        assertThat(r.identityStatus()).isEqualTo(IdentityStatus.SCOPE_DENIED);
    }

    @Test
    void everyComponentOfEverySignatureMustVerify() {
        byte[] ml = CERT.signature().mlDsa65().toArray();
        ml[100] ^= 1;
        DelegationCert badMl = new DelegationCert(CERT.certId(), 1, CERT.issuerId(),
                CERT.issuerPubKey(), CERT.subjectId(), CERT.subjectPubKey(), CERT.scope(),
                CERT.constraints(), CERT.issuedAt(), CERT.expiresAt(),
                new HybridSignature(CERT.signature().ed25519(), Bytes.of(ml)));
        ProofBundle b = new ProofBundle(BUNDLE.agentId(), BUNDLE.agentPubKey(), List.of(badMl),
                BUNDLE.challenge(), BUNDLE.challengeAt(), BUNDLE.challengeSig(), null, null, 0);
        assertThat(verify(b, TestKit.opts().build()).errorReason())
                .isEqualTo("bad_signature: cert 0: ML-DSA-65 signature invalid");
        byte[] ed = BUNDLE.challengeSig().ed25519().toArray();
        ed[0] ^= 1;
        ProofBundle badCh = new ProofBundle(BUNDLE.agentId(), BUNDLE.agentPubKey(),
                BUNDLE.delegations(), BUNDLE.challenge(), BUNDLE.challengeAt(),
                new HybridSignature(Bytes.of(ed), BUNDLE.challengeSig().mlDsa65()), null, null, 0);
        assertThat(verify(badCh, TestKit.opts().build()).errorReason())
                .isEqualTo("bad_challenge_sig: challenge signature verification failed: Ed25519 signature"
                        + " invalid");
    }

    @Test
    void rejectsNotYetValidExpiredAndStaleInputs() {
        assertThat(verify(BUNDLE, VerifyOptions.builder(TestKit.clockAt(TestKit.NOW - 10)).build())
                .reason()).isEqualTo(FailureReason.NOT_YET_VALID);
        VerifyResult expired = verify(BUNDLE,
                VerifyOptions.builder(TestKit.clockAt(TestKit.NOW + 7200)).build());
        assertThat(expired.identityStatus()).isEqualTo(IdentityStatus.EXPIRED);
        assertThat(expired.humanId()).isEqualTo(TestKit.ROOT.id());
        assertThat(verify(BUNDLE, VerifyOptions.builder(TestKit.clockAt(TestKit.NOW + 301)).build())
                .reason()).isEqualTo(FailureReason.STALE_CHALLENGE);
    }

    @Test
    void revocationProviderErrorsFailClosed() {
        VerifyResult r = verify(BUNDLE, TestKit.opts().revocation(id -> {
            throw new java.io.IOException("cache down");
        }).build());
        assertThat(r.reason()).isEqualTo(FailureReason.REVOCATION_ERROR);
        assertThat(r.identityStatus()).isEqualTo(IdentityStatus.INVALID);
        VerifyResult revoked = verify(BUNDLE,
                TestKit.opts().revocation(RevocationProvider.of(List.of(CERT.certId()))).build());
        assertThat(revoked.identityStatus()).isEqualTo(IdentityStatus.REVOKED);
        assertThat(verify(BUNDLE, TestKit.opts().forceRevocationCheck(true).build()).reason())
                .isEqualTo(FailureReason.FORCE_REVOCATION_NO_CALLBACK);
    }

    @Test
    void policyDeniesAfterEverythingElsePassesAndErrorsFailClosed() {
        assertThat(verify(BUNDLE, TestKit.opts().policy((b, c) -> false).build()).identityStatus())
                .isEqualTo(IdentityStatus.SCOPE_DENIED);
        assertThat(verify(BUNDLE, TestKit.opts().policy((b, c) -> {
            throw new IllegalStateException("opa down");
        }).build()).reason()).isEqualTo(FailureReason.POLICY_ERROR);
    }

    @Test
    void auditSeesTheFinalResultAndCannotChangeIt() {
        AtomicReference<VerifyResult> seen = new AtomicReference<>();
        VerifyResult r = Verifier.create().verify(BUNDLE, TestKit.opts()
                .anchorResolver(id -> new Anchor("email", "google", "h:123", 1))
                .audit((res, b) -> {
                    seen.set(res);
                    throw new IllegalStateException("audit store down");
                }).build());
        assertThat(r.valid()).isTrue();
        assertThat(seen.get()).isEqualTo(r);
        assertThat(r.anchor().provider()).isEqualTo("google");
    }

    @Test
    void subDelegationNeedsAnExplicitIdentityDelegateGrant() {
        DelegationCert rootToMid = ISSUER.delegate(TestKit.ROOT, TestKit.AGENT.publicKey(),
                List.of("meeting:*"), List.of(), Duration.ofHours(1));
        DelegationCert midToLeaf = ISSUER.delegate(TestKit.AGENT, TestKit.SUB.publicKey(),
                List.of("meeting:attend"), List.of(), Duration.ofHours(1));
        ProofBundle b = TestKit.bundle(List.of(midToLeaf, rootToMid), TestKit.SUB);
        assertThat(verify(b, TestKit.opts().build()).identityStatus())
                .isEqualTo(IdentityStatus.DELEGATION_NOT_AUTHORIZED);
        DelegationCert allowed = ISSUER.delegate(TestKit.ROOT, TestKit.AGENT.publicKey(),
                List.of("meeting:*", "identity:delegate"), List.of(), Duration.ofHours(1));
        VerifyResult ok = verify(TestKit.bundle(List.of(midToLeaf, allowed), TestKit.SUB),
                TestKit.opts().requiredScope("meeting:attend").build());
        assertThat(ok.valid()).isTrue();
        assertThat(ok.grantedScope()).containsExactly("meeting:attend");
    }

    @Test
    void sessionAndStreamBindingsMustMatchTheVerifierState() {
        Bytes ctx = SignableBytes.buildSessionContext(new SignableBytes.SessionContextInputs(
                "verifier-1", "ws", TestKit.AGENT.id(), "call-1", "inv-1",
                SignableBytes.operationContextHash(new SignableBytes.OperationContext("meeting:speak",
                        "voice.turn", null, null, null))));
        Bytes stream = Bytes.of(new byte[32]);
        ProofBundle b = ISSUER.present(TestKit.AGENT, List.of(CERT), ISSUER.newChallenge(),
                Issuer.Binding.stream(ctx, stream, 3));
        assertThat(b.challengeSignableBytes()).hasSize(112);
        StreamContext state = new StreamContext(stream, 2);
        assertThat(verify(b, TestKit.opts().sessionContext(ctx).stream(state).build()).valid())
                .isTrue();
        assertThat(verify(b, TestKit.opts().stream(state).build()).reason())
                .isEqualTo(FailureReason.SESSION_CONTEXT_UNVERIFIABLE);
        assertThat(verify(b, TestKit.opts().sessionContext(ctx).build()).reason())
                .isEqualTo(FailureReason.STREAM_CONTEXT_UNVERIFIABLE);
        assertThat(verify(b, TestKit.opts().sessionContext(ctx).stream(new StreamContext(stream, 3))
                .build()).reason()).isEqualTo(FailureReason.STREAM_SEQ_REPLAY);
        assertThat(verify(b, TestKit.opts().sessionContext(ctx).stream(new StreamContext(stream, 1))
                .build()).reason()).isEqualTo(FailureReason.STREAM_SEQ_SKIP);
    }

    @Test
    void signatureCacheSkipsOnlyTheSignatureCheck() {
        SignatureCache cache = new SignatureCache(16);
        VerifyOptions o = TestKit.opts().signatureCache(cache).build();
        assertThat(verify(BUNDLE, o).valid()).isTrue();
        assertThat(cache.size()).isEqualTo(1);
        VerifyResult later = Verifier.create().verify(BUNDLE, VerifyOptions
                .builder(TestKit.clockAt(TestKit.NOW + 7200)).signatureCache(cache).build());
        assertThat(later.identityStatus()).isEqualTo(IdentityStatus.EXPIRED);
        VerifyResult revoked = Verifier.create().verify(BUNDLE, TestKit.opts().signatureCache(cache)
                .revocation(id -> true).build());
        assertThat(revoked.identityStatus()).isEqualTo(IdentityStatus.REVOKED);
    }

    @Test
    void inputBoundsAreEnforcedOnInProcessBundles() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 129; i++) {
            many.add("custom:s" + i);
        }
        DelegationCert big = new DelegationCert("x", 1, CERT.issuerId(), CERT.issuerPubKey(),
                CERT.subjectId(), CERT.subjectPubKey(), many, List.of(), CERT.issuedAt(),
                CERT.expiresAt(), CERT.signature());
        ProofBundle b = new ProofBundle(BUNDLE.agentId(), BUNDLE.agentPubKey(), List.of(big),
                BUNDLE.challenge(), BUNDLE.challengeAt(), BUNDLE.challengeSig(), null, null, 0);
        assertThat(verify(b, TestKit.opts().build()).errorReason())
                .startsWith("invalid: cert 0 carries 129 scopes, exceeding MAX_SCOPES_PER_CERT");
    }
}
