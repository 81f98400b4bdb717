package dev.herald.ratify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.ratify.Bytes;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.HybridSignature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class SharedChecksTest {
    /** One hybrid signature to check, possibly with a flipped bit in one component. */
    private record Case(byte[] edPub, byte[] mlPub, byte[] msg, byte[] edSig, byte[] mlSig) {
        String sequential() {
            return HybridVerify.check(edPub, mlPub, msg, edSig, mlSig);
        }
    }

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            byte[] ed = new byte[32];
            byte[] ml = new byte[32];
            Arrays.fill(ed, (byte) (n + 1));
            Arrays.fill(ml, (byte) (n + 9));
            HybridKeyPair k = HybridKeyPair.fromSeeds(Bytes.of(ed), Bytes.of(ml));
            byte[] msg = ("message " + n).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            HybridSignature s = k.sign(msg, null);
            byte[] edSig = s.ed25519().toArray();
            byte[] mlSig = s.mlDsa65().toArray();
            // 0: valid, 1: bad Ed25519, 2: bad ML-DSA, 3: both bad.
            if (n == 1 || n == 3) {
                edSig[5] ^= 1;
            }
            if (n == 2 || n == 3) {
                mlSig[50] ^= 1;
            }
            out.add(new Case(k.publicKey().ed25519().toArray(), k.publicKey().mlDsa65().toArray(), msg, edSig,
                    mlSig));
        }
        return out;
    }

    private static List<String> shared(SharedChecks checks, List<Case> cases) {
        List<HybridVerify.Pending> pending = new ArrayList<>();
        for (Case c : cases) {
            pending.add(checks.add(c.edPub(), c.mlPub(), c.msg(), c.edSig(), c.mlSig()));
        }
        checks.start();
        List<String> out = new ArrayList<>();
        for (HybridVerify.Pending p : pending) {
            out.add(p.await());
        }
        return out;
    }

    @Test
    void sharedChecksAnswerWhatTheSequentialCheckAnswers() {
        List<Case> cases = cases();
        List<String> expected = cases.stream().map(Case::sequential).toList();
        assertThat(expected).containsExactly(null, HybridVerify.ED25519_INVALID, HybridVerify.MLDSA_INVALID,
                HybridVerify.ED25519_INVALID);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                assertThat(shared(new SharedChecks(pool, 1), cases)).isEqualTo(expected);
                assertThat(shared(new SharedChecks(pool, 2), cases)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCallerRunsEveryCheckWhenNoHelperEverStarts() {
        List<Case> cases = cases();
        List<Runnable> neverRun = new ArrayList<>();
        assertThat(shared(new SharedChecks(neverRun::add, 1), cases))
                .isEqualTo(cases.stream().map(Case::sequential).toList());
        assertThat(neverRun).hasSize(1);
    }
}
