package dev.herald.bench.ratify;

import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.SignableBytes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The non-cryptographic costs on the verify path: cert signable bytes and strict decoding. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RatifyCanonicalBench {
    private DelegationCert cert;
    private byte[] wire;

    @Setup(Level.Trial)
    public void setUp() {
        var issuer = BenchFixtures.issuer();
        HybridKeyPair[] keys = new HybridKeyPair[2];
        List<DelegationCert> chain = BenchFixtures.chain(issuer, 1, false, keys);
        cert = chain.get(0);
        ProofBundle b = issuer.present(keys[1], chain, issuer.newChallenge(),
                dev.herald.ratify.Issuer.Binding.NONE);
        wire = RatifyJson.encode(b);
    }

    @Benchmark
    public byte[] delegationSignableBytes() {
        return SignableBytes.delegation(cert);
    }

    @Benchmark
    public ProofBundle strictDecodeDepth1Bundle() {
        return RatifyJson.decodeProofBundle(wire);
    }
}
