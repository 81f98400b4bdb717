package dev.herald.bench.ratify;

import dev.herald.ratify.Bytes;
import dev.herald.ratify.Constraint;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.Issuer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Deterministic keys and chains for the Ratify benchmarks. */
final class BenchFixtures {
    private BenchFixtures() {}

    static final long NOW = 1_800_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Issuer issuer() {
        return new Issuer(CLOCK, seeded(42));
    }

    static HybridKeyPair key(int n) {
        byte[] ed = new byte[32];
        byte[] ml = new byte[32];
        java.util.Arrays.fill(ed, (byte) n);
        java.util.Arrays.fill(ml, (byte) (255 - n));
        return HybridKeyPair.fromSeeds(Bytes.of(ed), Bytes.of(ml));
    }

    /** Chain [leaf, ..., root] of {@code depth} certs ending at key(depth) as the agent. */
    static List<DelegationCert> chain(Issuer issuer, int depth, boolean constrained,
            HybridKeyPair[] keysOut) {
        HybridKeyPair[] keys = new HybridKeyPair[depth + 1];
        for (int i = 0; i <= depth; i++) {
            keys[i] = key(i + 1);
        }
        List<Constraint> cons = constrained
                ? List.of(new Constraint.ResourcePath("meet:acme/standup", "/rooms"))
                : List.of();
        List<DelegationCert> rootFirst = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            boolean last = i == depth - 1;
            List<String> scope = last
                    ? List.of("meeting:attend", "meeting:speak")
                    : List.of("meeting:attend", "meeting:speak", "identity:delegate");
            rootFirst.add(issuer.delegate(keys[i], keys[i + 1].publicKey(), scope, cons,
                    Duration.ofHours(24)));
        }
        List<DelegationCert> leafFirst = new ArrayList<>(rootFirst);
        java.util.Collections.reverse(leafFirst);
        System.arraycopy(keys, 0, keysOut, 0, keys.length);
        return leafFirst;
    }
}
