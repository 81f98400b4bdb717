package dev.herald.platform.egress;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The outbound client against real sockets and real TLS: it connects to the address the guard
 * checked, yet TLS sends the host name (SNI) and verifies the certificate against it, and the
 * Host header names it. Failures come back as coarse classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EgressClientTest {
    private static final String NAME = "hooks.example.test";
    private static final byte[] BODY = "{\"type\":\"session.ended\"}".getBytes(StandardCharsets.UTF_8);
    private final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    private final List<List<SNIServerName>> serverNames = new CopyOnWriteArrayList<>();
    private HttpsServer server;
    private SSLContext clientTls;

    /** Every name resolves to loopback, as a rebinding DNS server would answer. */
    private static final HostResolver TO_LOOPBACK = host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));

    @BeforeAll
    void start() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X509Certificate cert = selfSigned(keys, NAME);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), new char[0], new X509Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
            serverNames.add(((ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession()).getRequestedServerNames());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    void stop() {
        server.stop(0);
    }

    private static X509Certificate selfSigned(KeyPair keys, String dnsName) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + dnsName),
                BigInteger.ONE, Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=" + dnsName), keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    private String url(String host) {
        return "https://" + host + ":" + server.getAddress().getPort() + "/hooks";
    }

    @Test
    void httpsToACheckedAddressStillSendsAndVerifiesTheHostName() {
        try (EgressClient client = new EgressClient(new EgressGuard(true, TO_LOOPBACK), clientTls)) {
            EgressResult r = client.post(url(NAME), Map.of("webhook-id", "msg_1"), BODY, Duration.ofSeconds(10));
            assertThat(r).isEqualTo(new EgressResult.Answered(204, java.util.Optional.empty()));
        }
        assertThat(hostHeaders).last().isEqualTo(NAME + ":" + server.getAddress().getPort());
        assertThat(serverNames).last().isEqualTo(List.of(new SNIHostName(NAME)));
    }

    @Test
    void aCertificateForAnotherNameFailsAsTls() {
        try (EgressClient client = new EgressClient(new EgressGuard(true, TO_LOOPBACK), clientTls)) {
            EgressResult r = client.post(url("other.example.test"), Map.of(), BODY, Duration.ofSeconds(10));
            assertThat(r).isEqualTo(new EgressResult.Failed(EgressFailure.TLS_FAILED));
        }
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedBeforeConnecting() {
        int before = hostHeaders.size();
        try (EgressClient client = new EgressClient(new EgressGuard(false, TO_LOOPBACK), clientTls)) {
            EgressResult r = client.post(url(NAME), Map.of(), BODY, Duration.ofSeconds(10));
            assertThat(r).isEqualTo(new EgressResult.Failed(EgressFailure.REFUSED_ADDRESS));
        }
        assertThat(hostHeaders).hasSize(before);
    }

    @Test
    void anOversizedAnswerHeadIsAFailureClass() throws Exception {
        String head = "HTTP/1.1 200 OK\r\n" + ("X-Filler: " + "a".repeat(1000) + "\r\n").repeat(20) + "\r\n";
        assertThat(answerWith(head, Duration.ofSeconds(10)))
                .isEqualTo(new EgressResult.Failed(EgressFailure.RESPONSE_TOO_LARGE));
    }

    @Test
    void anAnswerThatIsNotHttpIsAFailureClass() throws Exception {
        assertThat(answerWith("SSH-2.0-OpenSSH_9.6\r\n\r\n", Duration.ofSeconds(10)))
                .isEqualTo(new EgressResult.Failed(EgressFailure.INVALID_RESPONSE));
    }

    @Test
    void interimAnswersAreSkippedAndRetryAfterIsRead() throws Exception {
        assertThat(answerWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Busy\r\nRetry-After: 7\r\n\r\n",
                Duration.ofSeconds(10))).isEqualTo(new EgressResult.Answered(503, java.util.Optional.of("7")));
    }

    @Test
    void aReceiverThatNeverAnswersIsATimeout() throws Exception {
        assertThat(answerWith(null, Duration.ofMillis(300))).isEqualTo(new EgressResult.Failed(EgressFailure.TIMEOUT));
    }

    /** Posts over plain http to a raw local server that answers {@code answer} (null: never answers). */
    private static EgressResult answerWith(String answer, Duration timeout) throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             EgressClient client = new EgressClient(new EgressGuard(true, HostResolver.system()), SSLContext.getDefault())) {
            Thread serverThread = Thread.ofVirtual().start(() -> {
                try (Socket s = raw.accept()) {
                    if (answer == null) {
                        s.getInputStream().readAllBytes();
                        return;
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(answer.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.shutdownOutput();
                    s.getInputStream().readAllBytes();
                } catch (IOException ignored) {
                    // the client hung up: expected once it has what it needs
                }
            });
            EgressResult r = client.post("http://127.0.0.1:" + raw.getLocalPort() + "/", Map.of(), BODY, timeout);
            raw.close();
            serverThread.join();
            return r;
        }
    }
}
