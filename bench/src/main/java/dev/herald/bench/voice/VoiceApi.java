package dev.herald.bench.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The voice load generator's HTTP side: JSON and CSV over HTTP/1.1 to one loopback server with
 * one API key, and raw event streams. Thread-safe (one JDK client, one connection per stream).
 */
final class VoiceApi {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String key;

    VoiceApi(URI base, String key) {
        String host = base.getHost();
        if (host == null || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
            throw new IllegalArgumentException("the load generator only targets loopback addresses, got " + base);
        }
        this.base = base;
        this.key = key;
    }

    JsonNode postJson(String path, String json, int expected) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), expected);
    }

    /** {@code PUT} with another key than this client's (the admin key of workspace settings). */
    JsonNode putJson(String path, String json, String otherKey, int expected) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + otherKey).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), expected);
    }

    JsonNode postCsv(String path, String csv, int expected) {
        return send(builder(path).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), expected);
    }

    /** An answer's status and JSON body, whatever the status. */
    record Answer(int status, JsonNode body) {
    }

    Answer postJsonAnyStatus(String path, String json, String idempotencyKey) {
        HttpRequest r = builder(path).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<byte[]> a = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(a.statusCode(), MAPPER.readTree(a.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode get(String path) {
        return send(builder(path).GET().build(), 200);
    }

    /** Opens {@code path} as {@code text/event-stream}; the caller reads and closes the body. */
    HttpResponse<InputStream> openStream(String path, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            r.header("Last-Event-ID", lastEventId);
        }
        return http.send(r.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key);
    }

    private JsonNode send(HttpRequest request, int expected) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                        + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
            }
            return MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
