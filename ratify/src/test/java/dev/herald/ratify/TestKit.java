package dev.herald.ratify;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Deterministic keys, clocks and chains for unit tests. */
public final class TestKit {
    private TestKit() {}

    static final long NOW = 1_800_000_000L;

    static Clock clockAt(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    /** A deterministic SecureRandom, so a failing test can be replayed. */
    public static SecureRandom random(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Issuer issuer() {
        return new Issuer(clockAt(NOW), random(7));
    }

    static HybridKeyPair key(int n) {
        byte[] ed = new byte[32];
        byte[] ml = new byte[32];
        Arrays.fill(ed, (byte) n);
        Arrays.fill(ml, (byte) (255 - n));
        return HybridKeyPair.fromSeeds(Bytes.of(ed), Bytes.of(ml));
    }

    static final HybridKeyPair ROOT = key(1);
    static final HybridKeyPair AGENT = key(2);
    static final HybridKeyPair SUB = key(3);

    static DelegationCert rootToAgent(List<String> scope, List<Constraint> constraints) {
        return issuer().delegate(ROOT, AGENT.publicKey(), scope, constraints, Duration.ofHours(1));
    }

    static ProofBundle bundle(List<DelegationCert> chain, HybridKeyPair agent) {
        Issuer is = issuer();
        return is.present(agent, chain, is.newChallenge(), Issuer.Binding.NONE);
    }

    static VerifyOptions.Builder opts() {
        return VerifyOptions.builder(clockAt(NOW));
    }
}
