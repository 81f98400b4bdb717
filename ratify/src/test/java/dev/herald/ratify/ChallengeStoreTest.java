package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChallengeStoreTest {
    private static final Bytes CTX = Bytes.of(new byte[32]);

    @Test
    void consumesAChallengeExactlyOnce() {
        InMemoryChallengeStore store = new InMemoryChallengeStore(10);
        Bytes c = Bytes.of(new byte[] {1, 2, 3});
        store.issue(c, null, 100);
        assertThat(store.validate(c, null, 50)).isTrue();
        assertThat(store.validate(c, null, 50)).as("validate does not consume").isTrue();
        assertThat(store.consume(c, null, 50)).isTrue();
        assertThat(store.consume(c, null, 50)).isFalse();
        assertThat(store.size()).isZero();
    }

    @Test
    void wrongSessionBindingNeverConsumesTheRecord() {
        InMemoryChallengeStore store = new InMemoryChallengeStore(10);
        Bytes c = Bytes.of(new byte[] {9});
        store.issue(c, CTX, 100);
        assertThat(store.consume(c, null, 50)).isFalse();
        assertThat(store.consume(c, Bytes.of(new byte[] {1}), 50)).isFalse();
        assertThat(store.consume(c, CTX, 50)).isTrue();
    }

    @Test
    void expiredChallengesAreRejectedAndPurged() {
        InMemoryChallengeStore store = new InMemoryChallengeStore(10);
        Bytes c = Bytes.of(new byte[] {4});
        store.issue(c, null, 100);
        assertThat(store.validate(c, null, 101)).isFalse();
        assertThat(store.consume(c, null, 101)).isFalse();
        store.purgeExpired(101);
        assertThat(store.size()).isZero();
    }

    @Test
    void boundsPendingChallenges() {
        InMemoryChallengeStore store = new InMemoryChallengeStore(1);
        store.issue(Bytes.of(new byte[] {1}), null, 1000);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> store.issue(Bytes.of(new byte[] {2}), null, 1000)).hasMessageContaining("full");
    }

    @Test
    void concurrentConsumersHaveExactlyOneWinner() throws Exception {
        InMemoryChallengeStore store = new InMemoryChallengeStore(10);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                Bytes c = Bytes.of(new byte[] {(byte) round, 7});
                store.issue(c, null, 100);
                CountDownLatch go = new CountDownLatch(1);
                AtomicInteger wins = new AtomicInteger();
                List<Future<?>> fs = new java.util.ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    fs.add(pool.submit(() -> {
                        go.await();
                        if (store.consume(c, null, 50)) {
                            wins.incrementAndGet();
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : fs) {
                    f.get(10, TimeUnit.SECONDS);
                }
                assertThat(wins.get()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- integration with the verifier (SPEC 10 steps 2b and 9b) ----

    private static final Issuer ISSUER = TestKit.issuer();

    private static ProofBundle present(Bytes challenge, List<Constraint> constraints) {
        DelegationCert cert = TestKit.rootToAgent(List.of("physical:enter"), constraints);
        return ISSUER.present(TestKit.AGENT, List.of(cert), challenge, Issuer.Binding.NONE);
    }

    @Test
    void verifierRejectsAReplayedChallenge() {
        InMemoryChallengeStore store = new InMemoryChallengeStore();
        Bytes c = ISSUER.issueChallenge(store, null).challenge();
        ProofBundle b = present(c, List.of());
        VerifyOptions o = TestKit.opts().challengeStore(store).build();
        assertThat(Verifier.create().verify(b, o).valid()).isTrue();
        VerifyResult replay = Verifier.create().verify(b, o);
        assertThat(replay.reason()).isEqualTo(FailureReason.UNKNOWN_CHALLENGE);
        assertThat(replay.errorReason()).isEqualTo(
                "unknown_challenge: challenge was not issued by this verifier or has already been used");
    }

    @Test
    void forgedPresentationDoesNotSpendTheChallenge() {
        InMemoryChallengeStore store = new InMemoryChallengeStore();
        Bytes c = ISSUER.issueChallenge(store, null).challenge();
        ProofBundle good = present(c, List.of());
        ProofBundle forged = new ProofBundle(good.agentId(), good.agentPubKey(), good.delegations(),
                good.challenge(), good.challengeAt(),
                new HybridSignature(good.challengeSig().ed25519(), Bytes.of(new byte[3309])), null, null,
                0);
        VerifyOptions o = TestKit.opts().challengeStore(store).build();
        assertThat(Verifier.create().verify(forged, o).reason())
                .isEqualTo(FailureReason.BAD_CHALLENGE_SIG);
        assertThat(Verifier.create().verify(good, o).valid()).isTrue();
    }

    @Test
    void constraintDenialStillSpendsTheChallenge() {
        InMemoryChallengeStore store = new InMemoryChallengeStore();
        Bytes c = ISSUER.issueChallenge(store, null).challenge();
        ProofBundle b = present(c, List.of(new Constraint.GeoCircle(0, 0, 10)));
        VerifyOptions far = TestKit.opts().challengeStore(store)
                .context(VerifierContext.builder().location(10, 10).build()).build();
        assertThat(Verifier.create().verify(b, far).reason())
                .isEqualTo(FailureReason.CONSTRAINT_DENIED);
        VerifyOptions near = TestKit.opts().challengeStore(store)
                .context(VerifierContext.builder().location(0, 0).build()).build();
        assertThat(Verifier.create().verify(b, near).reason())
                .isEqualTo(FailureReason.UNKNOWN_CHALLENGE);
    }

    @Test
    void storeFailuresAreNormalizedWithoutLeakingDetail() {
        ChallengeStore broken = new ChallengeStore() {
            public void issue(Bytes c, Bytes s, long e) {}

            public boolean validate(Bytes c, Bytes s, long n) {
                throw new IllegalStateException("db password is hunter2");
            }

            public boolean consume(Bytes c, Bytes s, long n) {
                return false;
            }
        };
        VerifyResult r = Verifier.create().verify(present(ISSUER.newChallenge(), List.of()),
                TestKit.opts().challengeStore(broken).build());
        assertThat(r.reason()).isEqualTo(FailureReason.UNKNOWN_CHALLENGE);
        assertThat(r.errorReason()).doesNotContain("hunter2");
    }
}
