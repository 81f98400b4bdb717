package dev.herald.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A tiny HTTP client for tests against a real port. Built with {@link #validating(URI)}, it checks
 * every response against the OpenAPI document (an undocumented route or status fails the test);
 * {@link #unvalidated()} gives the same client without the check, for requests that deliberately
 * go where the document does not (unknown routes, wrong methods, test-only routes).
 */
public final class Http {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client;
    private final URI base;
    private final OpenApiValidator validator;

    public Http(URI base) {
        this(base, null, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    private Http(URI base, OpenApiValidator validator, HttpClient client) {
        this.base = base;
        this.validator = validator;
        this.client = client;
    }

    /** A client that validates every response against Herald's OpenAPI document. */
    public static Http validating(URI base) {
        return new Http(base).withValidator(OpenApiValidator.herald());
    }

    /** This client (same connections) with {@code v} checking every response; null turns checking off. */
    public Http withValidator(OpenApiValidator v) {
        return new Http(base, v, client);
    }

    /** This client without response validation. */
    public Http unvalidated() {
        return withValidator(null);
    }

    public record Response(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body(), e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public Response get(String path, String key) {
        return send(builder(path, key).GET().build());
    }

    public Response post(String path, String key, String json, String... headers) {
        HttpRequest.Builder b = builder(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public Response send(String method, String path, String key, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = builder(path, key).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /**
     * The body of a response; of an event stream (which does not end by itself) only its opening,
     * up to the first blank line, after which the stream is closed.
     */
    public static byte[] body(HttpResponse<java.io.InputStream> r) throws IOException {
        try (java.io.InputStream in = r.body()) {
            boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            if (!stream) {
                return in.readAllBytes();
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int previous = -1;
            for (int c = in.read(); c >= 0 && out.size() < 65_536; c = in.read()) {
                out.write(c);
                if (c == '\n' && previous == '\n') {
                    break;
                }
                previous = c;
            }
            return out.toByteArray();
        }
    }

    private HttpRequest.Builder builder(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<java.io.InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            Response response = new Response(r.statusCode(), r.headers(), body(r));
            if (validator != null) {
                validator.validate(request.method(), request.uri().getRawPath(), response);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
