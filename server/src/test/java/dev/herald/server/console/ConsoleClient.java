package dev.herald.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's part in the console's HTTP contract, without a browser: form posts, the session
 * cookie kept as a browser keeps it (set by {@code Set-Cookie}, cleared by {@code Max-Age=0}),
 * redirects not followed so that the tests see them.
 */
final class ConsoleClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private String cookie;

    ConsoleClient(URI base) {
        this.base = base;
    }

    record Page(int status, HttpResponse<String> response) {
        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** The CSRF token of the page's forms. */
        String csrf() {
            Matcher m = CSRF.matcher(body());
            if (!m.find()) {
                throw new AssertionError("no CSRF field on the page: " + body());
            }
            return m.group(1);
        }
    }

    /** The session cookie's value as the browser holds it (null when it holds none). */
    String cookie() {
        return cookie;
    }

    void cookie(String value) {
        cookie = value;
    }

    Page get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    /** Posts a form of {@code name, value} pairs. */
    Page post(String path, String[] form, String... headers) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < form.length; i += 2) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(form[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** Signs in with {@code key}; the answer (303 to the overview when the key is good). */
    Page signIn(String key) {
        return post("/console/login", new String[]{"api_key", key});
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", SessionCookie.NAME + "=" + cookie);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SessionCookie.NAME + "="))
                    .forEach(c -> {
                        String value = c.substring(SessionCookie.NAME.length() + 1, c.indexOf(';'));
                        cookie = c.contains("Max-Age=0") || value.isEmpty() ? null : value;
                    });
            return new Page(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
