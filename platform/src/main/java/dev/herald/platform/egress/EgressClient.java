package dev.herald.platform.egress;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one HTTP/1.1 POST to a tenant's URL, and only through the {@link EgressGuard}: the host is
 * resolved and checked, then the socket connects to a checked address itself (a second lookup
 * could answer differently), while TLS still sends the host name as SNI and verifies the
 * certificate against it, and the {@code Host} header names it. Redirects are never followed (a
 * 3xx is the answer), the answer's head is capped at {@link #MAX_RESPONSE_HEAD} bytes and its body
 * is not read, and the whole exchange is bounded by the timeout. Thread-safe.
 */
public final class EgressClient implements AutoCloseable {
    /** Largest accepted status line plus headers. */
    public static final int MAX_RESPONSE_HEAD = 16 * 1024;
    private static final int MAX_INTERIM_RESPONSES = 5;
    private static final Logger log = LoggerFactory.getLogger(EgressClient.class);

    private final EgressGuard guard;
    private final SSLContext tls;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herald-egress-deadline");
        t.setDaemon(true);
        return t;
    });

    public EgressClient(EgressGuard guard, SSLContext tls) {
        this.guard = guard;
        this.tls = tls;
    }

    /** A client that trusts the JDK's default certificate authorities. */
    public static EgressClient withDefaultTrust(EgressGuard guard) {
        try {
            return new EgressClient(guard, SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    public EgressGuard guard() {
        return guard;
    }

    /** POSTs {@code body} to {@code url} with {@code headers} (names and values must be plain ASCII without CR/LF). */
    public EgressResult post(String url, Map<String, String> headers, byte[] body, Duration timeout) {
        EgressGuard.Target target;
        try {
            target = guard.resolve(url);
        } catch (EgressGuard.Refused r) {
            log.debug("outbound request refused before connecting: {}", r.getMessage());
            return new EgressResult.Failed(r.failure());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicReference<Socket> current = new AtomicReference<>();
        ScheduledFuture<?> cut = watchdog.schedule(() -> closeQuietly(current.get()), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        Stage stage = Stage.CONNECT;
        try {
            Socket channel = connect(target, deadline, current);
            if (target.tls()) {
                stage = Stage.TLS;
                channel = handshake(channel, target, deadline);
            }
            stage = Stage.EXCHANGE;
            OutputStream out = channel.getOutputStream();
            out.write(head(target, headers, body.length));
            out.write(body);
            out.flush();
            return read(new BufferedInputStream(channel.getInputStream()), channel, deadline);
        } catch (SocketTimeoutException e) {
            return new EgressResult.Failed(EgressFailure.TIMEOUT);
        } catch (IOException e) {
            log.debug("outbound request to {} failed during {}: {}", target.host(), stage, e.toString());
            if (System.nanoTime() >= deadline) {
                return new EgressResult.Failed(EgressFailure.TIMEOUT);
            }
            return new EgressResult.Failed(e instanceof SSLException || stage == Stage.TLS
                    ? EgressFailure.TLS_FAILED : EgressFailure.CONNECT_FAILED);
        } finally {
            cut.cancel(false);
            closeQuietly(current.get());
        }
    }

    private enum Stage { CONNECT, TLS, EXCHANGE }

    /** Connects to the first checked address that answers, in the resolver's order. */
    private static Socket connect(EgressGuard.Target target, long deadline, AtomicReference<Socket> current)
            throws IOException {
        IOException last = null;
        for (InetAddress address : target.addresses()) {
            Socket socket = new Socket();
            current.set(socket);
            try {
                socket.connect(new InetSocketAddress(address, target.port()), remainingMillis(deadline));
                return socket;
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw last == null ? new IOException("no address to connect to") : last;
    }

    private SSLSocket handshake(Socket socket, EgressGuard.Target target, long deadline) throws IOException {
        // The peer host given here is what the certificate is verified against.
        String peer = target.literal() ? target.addresses().getFirst().getHostAddress() : target.host();
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, peer, target.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!target.literal()) {
            params.setServerNames(List.of(new SNIHostName(target.host())));
        }
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(remainingMillis(deadline));
        ssl.startHandshake();
        return ssl;
    }

    private static byte[] head(EgressGuard.Target target, Map<String, String> headers, int length) {
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty()
                ? "/" : target.uri().getRawPath();
        if (target.uri().getRawQuery() != null) {
            path += "?" + target.uri().getRawQuery();
        }
        boolean defaultPort = target.port() == (target.tls() ? 443 : 80);
        StringBuilder sb = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.host()).append(defaultPort ? "" : ":" + target.port()).append("\r\n");
        headers.forEach((name, value) -> {
            if (!(name + value).chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                throw new IllegalArgumentException("header " + name + " is not plain ASCII");
            }
            sb.append(name).append(": ").append(value).append("\r\n");
        });
        sb.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads the answer's head (skipping 1xx interim answers); the body is never read. */
    private static EgressResult read(InputStream in, Socket channel, long deadline) throws IOException {
        for (int interim = 0; interim <= MAX_INTERIM_RESPONSES; interim++) {
            channel.setSoTimeout(remainingMillis(deadline));
            Optional<List<String>> lines = readHead(in);
            if (lines.isEmpty()) {
                return new EgressResult.Failed(EgressFailure.RESPONSE_TOO_LARGE);
            }
            List<String> head = lines.get();
            String[] statusLine = head.getFirst().split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.") || !statusLine[1].matches("[1-5][0-9]{2}")) {
                return new EgressResult.Failed(EgressFailure.INVALID_RESPONSE);
            }
            int status = Integer.parseInt(statusLine[1]);
            if (status / 100 == 1) {
                continue;
            }
            Optional<String> retryAfter = Optional.empty();
            for (String line : head.subList(1, head.size())) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("retry-after")) {
                    retryAfter = Optional.of(line.substring(colon + 1).trim());
                }
            }
            return new EgressResult.Answered(status, retryAfter);
        }
        return new EgressResult.Failed(EgressFailure.INVALID_RESPONSE);
    }

    /** The lines of one head up to the blank line; empty when it exceeds {@link #MAX_RESPONSE_HEAD}. */
    private static Optional<List<String>> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new java.util.ArrayList<>();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("connection closed before the answer's head ended");
            }
            if (++total > MAX_RESPONSE_HEAD) {
                return Optional.empty();
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue;
                    }
                    return Optional.of(lines);
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(ms, Integer.MAX_VALUE);
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do: the exchange is over either way
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
