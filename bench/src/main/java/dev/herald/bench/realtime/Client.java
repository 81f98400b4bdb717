package dev.herald.bench.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The load generator's HTTP side: JSON over HTTP/1.1 to one server with one API key. Thread-safe. */
final class Client {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String key;

    Client(URI base, String key) {
        if (!isLoopback(base)) {
            throw new IllegalArgumentException("the load generator only targets loopback addresses, got " + base);
        }
        this.base = base;
        this.key = key;
    }

    static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    HttpRequest request(String method, String path, byte[] body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /**
     * Sends and returns the JSON answer; anything but {@code expectedStatus} is an error. A request
     * whose connection the server had closed as idle is sent once more: every request of the load
     * generator is idempotent (batch keys, session idempotency keys).
     */
    JsonNode send(String method, String path, byte[] body, int expectedStatus) {
        try {
            HttpResponse<byte[]> r;
            try {
                r = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException stale) {
                r = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofByteArray());
            }
            if (r.statusCode() != expectedStatus) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": "
                        + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<byte[]>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The server's Prometheus text. */
    String metrics() {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a session without a budget (so only policy decides its turns) and returns its id. */
    String startSession(String projectId, String tag) {
        String body = """
                {"permit": {"project_id": "%s", "idempotency_key": "bench-%s", "subject": {"type": "user", "id": "bench"},
                  "action": {"name": "realtime.session"},
                  "resource": {"type": "request", "id": "req-%s", "attributes": {"provider": "openai",
                    "model": "gpt-4o-realtime-preview", "operation": "realtime.session", "execution_mode": "realtime"}}},
                 "metadata": {"voice_provider": "bench"}}""".formatted(projectId, tag, tag);
        return send("POST", "/v1/sessions", body.getBytes(java.nio.charset.StandardCharsets.UTF_8), 201)
                .path("session_id").asText();
    }
}
