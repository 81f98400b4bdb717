package dev.herald.evidence.tsa;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * A real HTTP host for {@link TimestampAuthority} instances on a loopback port, the way the server
 * serves {@code POST /tsa}: {@code application/timestamp-query} in, {@code application/timestamp-reply}
 * out. Paths can also be made slow.
 */
final class TsaHttpHost implements AutoCloseable {
    private final HttpServer server;

    TsaHttpHost() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    URI mount(String path, TimestampAuthority authority, Duration delay) {
        server.createContext(path, exchange -> handle(exchange, authority, delay));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void handle(HttpExchange exchange, TimestampAuthority authority, Duration delay) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!TimestampClient.QUERY_MEDIA_TYPE.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] response = authority.respond(request);
            exchange.getResponseHeaders().set("Content-Type", TimestampClient.REPLY_MEDIA_TYPE);
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(response);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
