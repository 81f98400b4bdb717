package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example in ratify/README.md, verbatim between the markers, so it compiles and runs. */
class ReadmeExampleTest {
    @Test
    void rootDelegatesToAVoiceAgentWhichPresentsAndSpeaksPerTurn() {
        // README-BEGIN
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        Issuer issuer = new Issuer(clock, random);

        // 1. A human root and a voice agent, each with a hybrid Ed25519 + ML-DSA-65 key pair.
        HybridKeyPair root = issuer.generateKeyPair();
        HybridKeyPair agent = issuer.generateKeyPair();
        byte[] agentKeyFile = RatifyJson.encode(KeyPairFile.agent(agent, "Ada", "voice_agent",
                issuer.now()));

        // 2. The root delegates meeting:attend + meeting:speak for eight hours.
        DelegationCert cert = issuer.delegate(root, agent.publicKey(),
                List.of("meeting:attend", "meeting:speak"), List.of(), Duration.ofHours(8));

        // 3. The verifier issues a single-use challenge; the agent answers with a proof bundle.
        ChallengeStore challenges = new InMemoryChallengeStore();
        Bytes challenge = issuer.issueChallenge(challenges, null).challenge();
        ProofBundle bundle = issuer.present(agent, List.of(cert), challenge, Issuer.Binding.NONE);
        byte[] wire = RatifyJson.encode(bundle);

        // 4. The verifier decodes the untrusted bytes strictly and requires meeting:speak.
        Verifier verifier = Verifier.create();
        VerifyResult result = verifier.verifyWire(wire, VerifyOptions.builder(clock)
                .requiredScope("meeting:speak")
                .challengeStore(challenges)
                .build());
        // result.valid() == true, result.identityStatus() == AUTHORIZED_AGENT

        // 5. Per-turn checks: cache the verified chain in a session token, then verify each turn
        //    with one fresh challenge signature instead of the whole chain.
        Bytes sessionSecret = issuer.newChallenge(); // any 32+ random bytes private to the verifier
        SessionToken token = SessionTokens.issue(bundle, result, "call-42", issuer.now(),
                issuer.now() + 15 * 60, sessionSecret);
        Bytes turnChallenge = issuer.issueChallenge(challenges, null).challenge();
        StreamedTurn turn = issuer.presentTurn(agent, turnChallenge, Issuer.Binding.NONE);
        VerifyResult perTurn = SessionTokens.create().verifyTurn(token, sessionSecret, turn,
                StreamedVerifyOptions.of(clock).withRequiredScope("meeting:speak")
                        .withChallengeStore(challenges));
        // README-END

        assertThat(RatifyJson.decodeKeyPairFile(agentKeyFile).keyPair()).isEqualTo(agent);
        assertThat(result.valid()).as(result.errorReason()).isTrue();
        assertThat(result.identityStatus()).isEqualTo(IdentityStatus.AUTHORIZED_AGENT);
        assertThat(perTurn.valid()).as(perTurn.errorReason()).isTrue();
        assertThat(SessionTokens.create().verifyTurn(token, sessionSecret, turn,
                StreamedVerifyOptions.of(clock).withChallengeStore(challenges)).reason())
                .isEqualTo(FailureReason.UNKNOWN_CHALLENGE);
    }

    @Test
    void aVerifierSignsAReceiptAndHonoursACachedPolicyVerdict() {
        Clock clock = TestKit.clockAt(TestKit.NOW);
        SecureRandom random = TestKit.random(11);
        ProofBundle bundle = TestKit.bundle(
                List.of(TestKit.rootToAgent(List.of("meeting:attend"), List.of())), TestKit.AGENT);
        HybridKeyPair verifierKey = TestKit.key(8);
        long now = TestKit.NOW;
        // README-17-BEGIN
        // A policy backend cached "allow meeting:attend for this agent in this context" for 5 minutes.
        Bytes policySecret = Bytes.of(new byte[32]); // 32+ random bytes shared with the backend
        VerifierContext context = VerifierContext.builder().location(37.77, -122.42).build();
        PolicyVerdict verdict = PolicyVerdicts.issue("verdict-1", bundle.agentId(), "meeting:attend",
                true, PolicyVerdicts.verifierContextHash(context), now, now + 300, policySecret);

        // The verifier uses the verdict instead of its live policy (an unusable one is ignored).
        VerifyResult result = Verifier.create().verify(bundle, VerifyOptions.builder(clock)
                .requiredScope("meeting:attend").context(context)
                .policyVerdict(verdict, policySecret)
                .build());

        // It signs a receipt of the verdict; the next receipt points at this one.
        VerificationReceipt receipt = VerificationReceipts.issue(bundle, result, verifierKey,
                VerificationReceipts.GENESIS, now, random);
        byte[] wire = RatifyJson.encode(receipt);
        Bytes next = VerificationReceipts.receiptHash(receipt);

        // An auditor who knows the verifier's public key checks it (throws ReceiptException if not).
        VerificationReceipts.verify(RatifyJson.decodeVerificationReceipt(wire), verifierKey.publicKey());
        // README-17-END
        assertThat(result.valid()).as(result.errorReason()).isTrue();
        assertThat(receipt.bundleHash()).isEqualTo(VerificationReceipts.bundleHash(bundle));
        assertThat(next.length()).isEqualTo(32);
    }
}
