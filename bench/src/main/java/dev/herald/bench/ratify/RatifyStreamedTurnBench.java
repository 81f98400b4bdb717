package dev.herald.bench.ratify;

import dev.herald.ratify.Bytes;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.Issuer;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.SessionToken;
import dev.herald.ratify.SessionTokens;
import dev.herald.ratify.StreamedTurn;
import dev.herald.ratify.StreamedVerifyOptions;
import dev.herald.ratify.Verifier;
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

/** Per-turn verification under a session token (SPEC 5.13): HMAC + one hybrid signature. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RatifyStreamedTurnBench {
    @Param({"parallel", "sequential"})
    public String mode;

    private SessionTokens tokens;
    private SessionToken token;
    private Bytes secret;
    private StreamedTurn turn;
    private StreamedVerifyOptions options;

    @Setup(Level.Trial)
    public void setUp() {
        Issuer issuer = BenchFixtures.issuer();
        HybridKeyPair[] keys = new HybridKeyPair[2];
        List<DelegationCert> chain = BenchFixtures.chain(issuer, 1, false, keys);
        ProofBundle bundle = issuer.present(keys[1], chain, issuer.newChallenge(), Issuer.Binding.NONE);
        VerifyResult full = Verifier.sequential().verify(bundle,
                VerifyOptions.builder(BenchFixtures.CLOCK).requiredScope("meeting:speak").build());
        secret = Bytes.of(new byte[32]);
        token = SessionTokens.issue(bundle, full, "bench-session", BenchFixtures.NOW,
                BenchFixtures.NOW + 900, secret);
        turn = issuer.presentTurn(keys[1], issuer.newChallenge(), Issuer.Binding.NONE);
        options = StreamedVerifyOptions.of(BenchFixtures.CLOCK).withRequiredScope("meeting:speak");
        tokens = "parallel".equals(mode) ? SessionTokens.create() : SessionTokens.sequential();
        if ("parallel".equals(mode) && Runtime.getRuntime().availableProcessors() < 2) {
            throw new IllegalStateException("parallel mode needs two CPUs");
        }
        if (!tokens.verifyTurn(token, secret, turn, options).valid()) {
            throw new IllegalStateException("benchmark turn does not verify");
        }
    }

    @Benchmark
    public VerifyResult streamedTurnVerify() {
        return tokens.verifyTurn(token, secret, turn, options);
    }
}
