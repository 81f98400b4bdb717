package dev.herald.bench.ratify;

import dev.herald.ratify.Bytes;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.Issuer;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.SignatureCache;
import dev.herald.ratify.Verifier;
import dev.herald.ratify.VerifierContext;
import dev.herald.ratify.VerifyOptions;
import dev.herald.ratify.VerifyResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Full Ratify verification (SPEC 10) at chain depth 1..3, with and without a constraint. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RatifyVerifyBench {
    @Param({"1", "2", "3"})
    public int depth;

    @Param({"false", "true"})
    public boolean constrained;

    @Param({"false", "true"})
    public boolean certCache;

    @Param({"parallel", "sequential"})
    public String mode;

    private ProofBundle bundle;
    private VerifyOptions options;
    private Verifier verifier;

    @Setup(Level.Trial)
    public void setUp() {
        Issuer issuer = BenchFixtures.issuer();
        HybridKeyPair[] keys = new HybridKeyPair[depth + 1];
        List<DelegationCert> chain = BenchFixtures.chain(issuer, depth, constrained, keys);
        Bytes challenge = issuer.newChallenge();
        bundle = issuer.present(keys[depth], chain, challenge, Issuer.Binding.NONE);
        VerifyOptions.Builder b = VerifyOptions.builder(BenchFixtures.CLOCK)
                .requiredScope("meeting:speak");
        if (constrained) {
            b.context(VerifierContext.builder().resource("meet:acme/standup", "/rooms/42").build());
        }
        if (certCache) {
            b.signatureCache(new SignatureCache(1024));
        }
        options = b.build();
        verifier = "parallel".equals(mode) ? Verifier.parallel() : Verifier.sequential();
        VerifyResult r = verifier.verify(bundle, options);
        if (!r.valid()) {
            throw new IllegalStateException("benchmark bundle does not verify: " + r.errorReason());
        }
    }

    @Benchmark
    public VerifyResult fullVerify() {
        return verifier.verify(bundle, options);
    }
}
