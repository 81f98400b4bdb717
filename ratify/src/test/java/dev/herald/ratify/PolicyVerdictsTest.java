package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PolicyVerdictsTest {
    private static final Bytes SECRET = Bytes.of(new byte[32]);
    private static final Bytes OTHER_SECRET = Bytes.of(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
        27, 28, 29, 30, 31, 32});
    private static final ProofBundle BUNDLE = TestKit.bundle(
            List.of(TestKit.rootToAgent(List.of("meeting:attend", "payments:send"), List.of())),
            TestKit.AGENT);
    private static final VerifierContext SF = VerifierContext.builder().location(37, -122).build();
    private static final VerifierContext LONDON = VerifierContext.builder().location(51.5, -0.1).build();

    private static PolicyVerdict verdict(boolean allow, String scope, VerifierContext ctx, long validUntil) {
        return PolicyVerdicts.issue("v-1", TestKit.AGENT.id(), scope, allow,
                PolicyVerdicts.verifierContextHash(ctx), TestKit.NOW - 10, validUntil, SECRET);
    }

    /** A live policy that counts its calls (each verification below runs twice: sequential, parallel) and answers {@code answer}. */
    private record CountingPolicy(AtomicInteger calls, boolean answer) implements PolicyProvider {
        CountingPolicy(boolean answer) {
            this(new AtomicInteger(), answer);
        }

        @Override
        public boolean evaluatePolicy(ProofBundle bundle, VerifierContext context) {
            calls.incrementAndGet();
            return answer;
        }
    }

    private static VerifyResult verify(PolicyVerdict v, Bytes secret, VerifierContext ctx, PolicyProvider live) {
        VerifyOptions o = TestKit.opts().requiredScope("meeting:attend").context(ctx).policy(live)
                .policyVerdict(v, secret).build();
        VerifyResult seq = Verifier.sequential().verify(BUNDLE, o);
        assertThat(Verifier.parallel().verify(BUNDLE, o)).isEqualTo(seq);
        return seq;
    }

    @Test
    void aCachedAllowSkipsTheLivePolicy() {
        CountingPolicy live = new CountingPolicy(false);
        VerifyResult r = verify(verdict(true, "meeting:attend", SF, TestKit.NOW + 60), SECRET, SF, live);
        assertThat(r.valid()).isTrue();
        assertThat(live.calls()).hasValue(0);
    }

    @Test
    void aCachedDenyIsScopeDeniedWithoutCallingTheLivePolicy() {
        CountingPolicy live = new CountingPolicy(true);
        VerifyResult r = verify(verdict(false, "meeting:attend", SF, TestKit.NOW + 60), SECRET, SF, live);
        assertThat(r.identityStatus()).isEqualTo(IdentityStatus.SCOPE_DENIED);
        assertThat(r.reason()).isEqualTo(FailureReason.POLICY_VERDICT_DENIED);
        assertThat(r.errorReason()).isEqualTo("scope_denied: cached policy verdict v-1 denied access");
        assertThat(live.calls()).hasValue(0);
    }

    @Test
    void aVerdictWithAWrongMacIsIgnoredAndTheLivePolicyDecides() {
        CountingPolicy live = new CountingPolicy(true);
        VerifyResult r = verify(verdict(false, "meeting:attend", SF, TestKit.NOW + 60), OTHER_SECRET, SF, live);
        assertThat(r.valid()).isTrue();
        assertThat(live.calls()).hasValue(2);
    }

    @Test
    void anExpiredVerdictIsIgnoredAndNeverFailsTheBundleOnItsOwn() {
        CountingPolicy live = new CountingPolicy(true);
        VerifyResult r = verify(verdict(false, "meeting:attend", SF, TestKit.NOW - 1), SECRET, SF, live);
        assertThat(r.valid()).isTrue();
        assertThat(live.calls()).hasValue(2);
        assertThat(verify(verdict(false, "meeting:attend", SF, TestKit.NOW - 1), SECRET, SF, null).valid())
                .isTrue();
    }

    @Test
    void aVerdictForAnotherContextOrScopeIsIgnored() {
        CountingPolicy live = new CountingPolicy(true);
        assertThat(verify(verdict(false, "meeting:attend", SF, TestKit.NOW + 60), SECRET, LONDON, live)
                .valid()).isTrue();
        assertThat(verify(verdict(false, "payments:send", SF, TestKit.NOW + 60), SECRET, SF, live)
                .valid()).isTrue();
        assertThat(live.calls()).hasValue(4);
    }

    @Test
    void checkNamesWhyAVerdictIsUnusable() {
        PolicyVerdict v = verdict(true, "meeting:attend", SF, TestKit.NOW + 60);
        Bytes ctx = PolicyVerdicts.verifierContextHash(SF);
        String agent = TestKit.AGENT.id();
        assertThat(PolicyVerdicts.check(v, SECRET, agent, "meeting:attend", ctx, TestKit.NOW))
                .isInstanceOf(PolicyVerdicts.Allowed.class);
        assertThat(defect(PolicyVerdicts.check(v, OTHER_SECRET, agent, "meeting:attend", ctx, TestKit.NOW)))
                .isEqualTo(PolicyVerdicts.Defect.BAD_MAC);
        assertThat(defect(PolicyVerdicts.check(v, SECRET, agent, "meeting:attend", ctx, TestKit.NOW + 61)))
                .isEqualTo(PolicyVerdicts.Defect.EXPIRED);
        assertThat(defect(PolicyVerdicts.check(v, SECRET, agent, "meeting:attend", ctx, TestKit.NOW - 11)))
                .isEqualTo(PolicyVerdicts.Defect.NOT_YET_VALID);
        assertThat(defect(PolicyVerdicts.check(v, SECRET, TestKit.SUB.id(), "meeting:attend", ctx, TestKit.NOW)))
                .isEqualTo(PolicyVerdicts.Defect.AGENT_MISMATCH);
        assertThat(defect(PolicyVerdicts.check(v, SECRET, agent, "meeting:attend",
                PolicyVerdicts.verifierContextHash(LONDON), TestKit.NOW)))
                .isEqualTo(PolicyVerdicts.Defect.CONTEXT_MISMATCH);
        PolicyVerdict tampered = new PolicyVerdict(v.version(), v.verdictId(), v.agentId(), v.scope(),
                v.allow(), v.contextHash(), v.issuedAt(), v.validUntil() + 3600, v.mac());
        assertThat(defect(PolicyVerdicts.check(tampered, SECRET, agent, "meeting:attend", ctx, TestKit.NOW)))
                .isEqualTo(PolicyVerdicts.Defect.BAD_MAC);
        assertThatThrownBy(() -> PolicyVerdicts.verify(verdict(false, "meeting:attend", SF, TestKit.NOW + 60),
                SECRET, agent, "meeting:attend", ctx, TestKit.NOW))
                .isInstanceOf(PolicyVerdicts.VerdictException.class)
                .hasMessageStartingWith("policy_verdict_denied: ");
    }

    @Test
    void aVerdictRoundTripsThroughTheWire() {
        PolicyVerdict v = verdict(true, "meeting:attend", SF, TestKit.NOW + 60);
        assertThat(RatifyJson.decodePolicyVerdict(RatifyJson.encode(v))).isEqualTo(v);
    }

    @Test
    void theContextHashIgnoresTheRateCounterAndResourceInputs() {
        VerifierContext withExtras = VerifierContext.builder().location(37, -122)
                .invocationCounter((id, w) -> 3).resource("git:repo", "/docs").build();
        assertThat(PolicyVerdicts.verifierContextHash(withExtras))
                .isEqualTo(PolicyVerdicts.verifierContextHash(SF));
        assertThat(PolicyVerdicts.verifierContextHash(LONDON))
                .isNotEqualTo(PolicyVerdicts.verifierContextHash(SF));
    }

    @Test
    void issuingNeedsAStrongSecretAndAVerdictNeedsItsSecret() {
        assertThatThrownBy(() -> PolicyVerdicts.issue("v", "a", "s", true,
                PolicyVerdicts.verifierContextHash(SF), 0, 1, Bytes.of(new byte[16])))
                .isInstanceOf(RatifyException.class);
        PolicyVerdict v = verdict(true, "meeting:attend", SF, TestKit.NOW + 60);
        assertThatThrownBy(() -> TestKit.opts().policyVerdict(v, null).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static PolicyVerdicts.Defect defect(PolicyVerdicts.Outcome o) {
        assertThat(o).isInstanceOf(PolicyVerdicts.Unusable.class);
        return ((PolicyVerdicts.Unusable) o).defect();
    }
}
