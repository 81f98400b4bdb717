package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTokensTest {
    private static final Issuer ISSUER = TestKit.issuer();
    private static final Bytes SECRET = Bytes.of(new byte[32]);
    private static final ProofBundle BUNDLE = TestKit.bundle(
            List.of(TestKit.rootToAgent(List.of("meeting:attend", "meeting:speak"), List.of())),
            TestKit.AGENT);
    private static final SessionToken TOKEN = SessionTokens.issue(BUNDLE,
            Verifier.create().verify(BUNDLE, TestKit.opts().build()), "call-1", TestKit.NOW,
            TestKit.NOW + 900, SECRET);

    private static StreamedVerifyOptions opts() {
        return StreamedVerifyOptions.of(TestKit.clockAt(TestKit.NOW + 60));
    }

    private static StreamedTurn turn(Issuer.Binding binding) {
        Issuer later = new Issuer(TestKit.clockAt(TestKit.NOW + 60), TestKit.random(3));
        return later.presentTurn(TestKit.AGENT, later.newChallenge(), binding);
    }

    @Test
    void tokenRoundTripsThroughTheWireAndVerifiesATurn() {
        SessionToken decoded = RatifyJson.decodeSessionToken(RatifyJson.encode(TOKEN));
        assertThat(decoded).isEqualTo(TOKEN);
        VerifyResult r = SessionTokens.create().verifyTurn(decoded, SECRET,
                turn(Issuer.Binding.NONE), opts().withRequiredScope("meeting:speak"));
        assertThat(r.valid()).isTrue();
        assertThat(r.humanId()).isEqualTo(TestKit.ROOT.id());
        assertThat(r.grantedScope()).containsExactly("meeting:attend", "meeting:speak");
    }

    @Test
    void scopeGateAppliesToTokenPresentations() {
        VerifyResult r = SessionTokens.create().verifyTurn(TOKEN, SECRET, turn(Issuer.Binding.NONE),
                opts().withRequiredScope("meeting:record"));
        assertThat(r.identityStatus()).isEqualTo(IdentityStatus.SCOPE_DENIED);
    }

    @Test
    void wrongSecretAndExpiryAreRejected() {
        assertThat(SessionTokens.create().verifyTurn(TOKEN, Bytes.of(new byte[] {1}),
                turn(Issuer.Binding.NONE), opts()).errorReason())
                .isEqualTo("session_token_invalid: session_token MAC invalid");
        assertThat(SessionTokens.create().verifyTurn(TOKEN, SECRET, turn(Issuer.Binding.NONE),
                StreamedVerifyOptions.of(TestKit.clockAt(TestKit.NOW + 901))).errorReason())
                .isEqualTo("session_token_invalid: session_token expired");
    }

    @Test
    void challengesAreSingleUseUnderAStore() {
        InMemoryChallengeStore store = new InMemoryChallengeStore();
        Issuer later = new Issuer(TestKit.clockAt(TestKit.NOW + 60), TestKit.random(5));
        Bytes c = later.issueChallenge(store, null).challenge();
        StreamedTurn t = later.presentTurn(TestKit.AGENT, c, Issuer.Binding.NONE);
        SessionTokens v = SessionTokens.create();
        assertThat(v.verifyTurn(TOKEN, SECRET, t, opts().withChallengeStore(store)).valid()).isTrue();
        assertThat(v.verifyTurn(TOKEN, SECRET, t, opts().withChallengeStore(store)).reason())
                .isEqualTo(FailureReason.UNKNOWN_CHALLENGE);
    }

    @Test
    void streamSequenceMustAdvanceByExactlyOne() {
        Bytes stream = Bytes.of(new byte[32]);
        SessionTokens v = SessionTokens.create();
        long last = 0;
        for (int seq = 1; seq <= 3; seq++) {
            StreamedTurn t = turn(Issuer.Binding.stream(null, stream, seq));
            assertThat(v.verifyTurn(TOKEN, SECRET, t, opts().withStream(new StreamContext(stream, last)))
                    .valid()).isTrue();
            last = seq; // the caller advances its own state on success
        }
        StreamedTurn replay = turn(Issuer.Binding.stream(null, stream, 3));
        assertThat(v.verifyTurn(TOKEN, SECRET, replay, opts().withStream(new StreamContext(stream, 3)))
                .reason()).isEqualTo(FailureReason.STREAM_SEQ_REPLAY);
        StreamedTurn skip = turn(Issuer.Binding.stream(null, stream, 5));
        assertThat(v.verifyTurn(TOKEN, SECRET, skip, opts().withStream(new StreamContext(stream, 3)))
                .reason()).isEqualTo(FailureReason.STREAM_SEQ_SKIP);
    }

    @Test
    void staleTurnChallengesAreRejected() {
        StreamedTurn t = turn(Issuer.Binding.NONE);
        assertThat(SessionTokens.create().verifyTurn(TOKEN, SECRET, t,
                StreamedVerifyOptions.of(TestKit.clockAt(TestKit.NOW + 60 + 301))).reason())
                .isEqualTo(FailureReason.STALE_CHALLENGE);
    }

    @Test
    void refusesToIssueForAFailedVerificationOrAShortSecret() {
        VerifyResult denied = VerifyResult.failure(FailureReason.SCOPE_DENIED, "x");
        assertThatThrownBy(() -> SessionTokens.issue(BUNDLE, denied, "s", 1, 2, SECRET))
                .isInstanceOf(RatifyException.class);
        VerifyResult ok = Verifier.create().verify(BUNDLE, TestKit.opts().build());
        assertThatThrownBy(() -> SessionTokens.issue(BUNDLE, ok, "s", 1, 2, Bytes.of(new byte[8])))
                .hasMessageContaining("at least 32 bytes");
    }
}
