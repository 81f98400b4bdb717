package dev.herald.bench.evidence;

import com.sun.net.httpserver.HttpServer;
import dev.herald.evidence.artifact.Artifact;
import dev.herald.evidence.artifact.ArtifactAssembler;
import dev.herald.evidence.artifact.SessionEvidence;
import dev.herald.evidence.keys.IssuerKeyPair;
import dev.herald.evidence.tsa.HeraldTimestampAuthority;
import dev.herald.evidence.tsa.TimestampClient;
import dev.herald.evidence.tsa.TsaCredentials;
import dev.herald.evidence.tsa.TsaCredentialsFactory;
import dev.herald.evidence.tsa.TsaEndpoint;
import dev.herald.evidence.verify.ArtifactVerifier;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 10,000-event session: assemble (chain, permits, policy hash), time-stamp the project head
 * with Herald's TSA (in process, or over loopback HTTP), sign; and verify the result with every
 * check including the TSA chain against Herald's root. Sample mode, so JMH prints the median
 * (p0.50) per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
public class EvidenceBenchmark {
    static final int EVENTS = 10_000;

    private SessionEvidence session;
    private ArtifactAssembler inProcess;
    private ArtifactAssembler overHttp;
    private ArtifactVerifier verifier;
    private byte[] artifactBytes;
    private HttpServer server;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        TsaCredentials credentials = new TsaCredentialsFactory(random, clock).generate("Herald Bench");
        HeraldTimestampAuthority tsa = new HeraldTimestampAuthority(credentials, clock, random);
        IssuerKeyPair issuer = IssuerKeyPair.generate(random);
        session = SessionGenerator.session("sess_bench", EVENTS, clock.instant().minusSeconds(EVENTS + 60L));

        inProcess = new ArtifactAssembler(issuer,
                new TimestampClient(List.of(new TsaEndpoint.InProcess("herald", "herald:in-process", tsa)),
                        java.net.http.HttpClient.newHttpClient(), random, clock), clock);

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tsa", exchange -> {
            try (exchange) {
                byte[] response = tsa.respond(exchange.getRequestBody().readAllBytes());
                exchange.getResponseHeaders().set("Content-Type", TimestampClient.REPLY_MEDIA_TYPE);
                exchange.sendResponseHeaders(200, response.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(response);
                }
            }
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
        overHttp = new ArtifactAssembler(issuer,
                TimestampClient.over(List.of(new TsaEndpoint.Http("herald", uri, Duration.ofSeconds(5))), random, clock), clock);

        verifier = new ArtifactVerifier(VerifyOptions.defaults()
                .withTrustAnchors(List.of(credentials.root()))
                .withPinnedKeys(List.of(issuer.publicKey()))
                .withRequireTrust(true));
        artifactBytes = inProcess.assemble(session).canonicalBytes();
        VerificationReport check = verifier.verify(artifactBytes);
        if (!check.verified()) {
            throw new IllegalStateException("benchmark artifact does not verify: " + check);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.stop(0);
    }

    @Benchmark
    public byte[] assembleSignTimestampInProcess() {
        Artifact artifact = inProcess.assemble(session);
        return artifact.canonicalBytes();
    }

    @Benchmark
    public byte[] assembleSignTimestampOverHttp() {
        Artifact artifact = overHttp.assemble(session);
        return artifact.canonicalBytes();
    }

    @Benchmark
    public VerificationReport verify() {
        return verifier.verify(artifactBytes);
    }
}
