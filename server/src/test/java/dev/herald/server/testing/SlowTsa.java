package dev.herald.server.testing;

import com.sun.net.httpserver.HttpServer;
import dev.herald.evidence.tsa.HeraldTimestampAuthority;
import dev.herald.evidence.tsa.TimestampClient;
import dev.herald.governance.attest.TsaKeyStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real RFC 3161 timestamp authority on a local HTTP port that can be told to hold the next
 * request until released: the slow external TSA an install may be configured with
 * ({@code HERALD_TSA_URLS}). Answers are genuine (Herald's own TSA code with its own keys).
 */
public final class SlowTsa implements AutoCloseable {
    /** Longest a held request waits for its release (below the client's timeout, so a forgotten hold still answers). */
    private static final Duration MAX_HOLD = Duration.ofSeconds(9);

    private final HttpServer server;
    private final HeraldTimestampAuthority authority;
    private final AtomicReference<Hold> next = new AtomicReference<>();

    /** One held request: {@code entered} opens when it arrives, {@code released} lets it answer. */
    public static final class Hold {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until the held request has arrived. */
        public boolean awaitEntered(Duration timeout) throws InterruptedException {
            return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        public void release() {
            released.countDown();
        }
    }

    public SlowTsa() {
        try {
            Path keys = Files.createTempDirectory("slow-tsa-");
            SecureRandom random = new SecureRandom();
            authority = new HeraldTimestampAuthority(TsaKeyStore.loadOrCreate(keys, random, Clock.systemUTC()),
                    Clock.systemUTC(), random);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/tsa", exchange -> {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            Hold hold = next.getAndSet(null);
            if (hold != null) {
                hold.entered.countDown();
                try {
                    hold.released.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] reply = authority.respond(request);
            exchange.getResponseHeaders().set("Content-Type", TimestampClient.REPLY_MEDIA_TYPE);
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    /** The root certificate a verifier trusts for this TSA's receipts. */
    public org.bouncycastle.cert.X509CertificateHolder root() {
        return authority.credentials().root();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
    }

    /** Holds the next request that arrives (only that one) until the returned hold is released. */
    public Hold holdNext() {
        Hold hold = new Hold();
        next.set(hold);
        return hold;
    }

    @Override
    public void close() {
        Hold pending = next.getAndSet(null);
        if (pending != null) {
            pending.release();
        }
        server.stop(0);
    }
}
