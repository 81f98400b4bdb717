package dev.herald.bench.ratify;

import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.HybridSignature;
import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.ratify.crypto.MlDsa;
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

/** The two signature components in isolation, each with the JDK and the BouncyCastle provider. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RatifyPrimitivesBench {
    /** 40 bytes is a challenge signable; about 11 KB is a depth-1 cert signable. */
    @Param({"40", "11264"})
    public int msgBytes;

    private byte[] msg;
    private byte[] edPub;
    private byte[] edSig;
    private byte[] mlPub;
    private byte[] mlSig;

    @Setup(Level.Trial)
    public void setUp() {
        HybridKeyPair k = BenchFixtures.key(7);
        msg = new byte[msgBytes];
        BenchFixtures.seeded(9).nextBytes(msg);
        HybridSignature s = k.sign(msg, BenchFixtures.seeded(1));
        edPub = k.publicKey().ed25519().toArray();
        mlPub = k.publicKey().mlDsa65().toArray();
        edSig = s.ed25519().toArray();
        mlSig = s.mlDsa65().toArray();
        if (MlDsa.jdkAvailable() && !MlDsa.verify(MlDsa.Impl.JDK, mlPub, msg, mlSig)) {
            throw new IllegalStateException("JDK ML-DSA rejects a BouncyCastle signature");
        }
    }

    @Benchmark
    public boolean mlDsa65VerifyJdk() {
        return MlDsa.verify(MlDsa.Impl.JDK, mlPub, msg, mlSig);
    }

    @Benchmark
    public boolean mlDsa65VerifyBc() {
        return MlDsa.verify(MlDsa.Impl.BOUNCY_CASTLE, mlPub, msg, mlSig);
    }

    @Benchmark
    public boolean ed25519VerifyBc() {
        return Ed25519s.verify(edPub, msg, edSig);
    }

    @Benchmark
    public boolean ed25519VerifyJdk() {
        return Ed25519s.verifyJdk(edPub, msg, edSig);
    }
}
