package dev.herald.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.RatifyJson;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.OpenApiValidator;
import dev.herald.server.testing.RawHttp;
import dev.herald.server.testing.RunningHerald;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document under hostile input, with an admin key and with a
 * project key: the schema-derived bodies of {@link HostileRequests}, hostile path and query
 * parameters, hostile idempotency keys and an oversize chunked body. What must hold for all of
 * them: no 5xx; every error is {@code application/problem+json} matching the document's problem
 * schema; a refused write changes no table's row count; {@code /readyz} is healthy afterwards.
 * Which 4xx an input earns is not asserted (scope and URL rules may refuse earlier). The counts
 * are printed so CI logs show what ran.
 */
abstract class HostileInputContract extends RunningHerald {
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Written by background workers on their own schedule (the webhook sender, the retention sweeper
     * recording its runs), so not comparable request by request.
     */
    private static final List<String> ASYNC_TABLES = List.of("webhook_attempts", "voice_retention_runs");
    /**
     * Refusals that record something by design: a session start denied by policy notifies the
     * platform's webhook (an outbox row written after the refused transaction rolled back).
     */
    private static final Map<String, List<String>> RECORDED_REFUSALS = Map.of(
            "urn:herald:problem:policy-denied", List.of("webhook_deliveries"));
    private final OpenApiValidator validator = OpenApiValidator.herald();
    private final HostileRequests hostile = new HostileRequests(validator.document());
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Map<String, Integer>> counts = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> ids = new HashMap<>();
    private List<String> tables;
    private Map<String, Long> rows;
    private String admin;
    private String projectKey;

    @Test
    void everyOperation_answersHostileInputWithoutA5xx_withProblemJson_andWritesNothingWhenItRefuses() {
        fixture();
        tables = herald.services().db().read(h -> h.createQuery(store().kind() == dev.herald.server.testing.StoreExtension.Kind.SQLITE
                        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'flyway%'"
                        : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT LIKE 'flyway%'")
                .mapTo(String.class).list()).stream()
                .filter(t -> !ASYNC_TABLES.contains(t) && !t.contains("_fts")).sorted().toList();
        rows = rowCounts();
        for (String operation : validator.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String template = operation.substring(operation.indexOf(' ') + 1);
            for (String key : new String[] {admin, projectKey}) {
                attack(method, template, key);
            }
        }
        chunkedOversize();
        report();
        assertThat(send("GET", "/readyz", null, null, null, Map.of()).status).isEqualTo(200);
        assertThat(failures).as(failures.size() + " failures; first ones:\n" + String.join("\n",
                failures.subList(0, Math.min(40, failures.size())))).isEmpty();
    }

    /** Real objects for the path parameters, so variants reach past the lookups into validation. */
    private void fixture() {
        String workspace = "ws-" + UUID.randomUUID();
        admin = herald.services().bootstrap().createKey(workspace, null, null).secret().reveal();
        projectKey = herald.services().bootstrap().createKey(workspace, "fuzz", null).secret().reveal();
        ids.put("project", "fuzz");
        ids.put("policy_id", created("POST", "/v1/policies?project=fuzz", admin,
                "{\"name\":\"base\",\"policy_json\":{}}", "/policy_id"));
        ids.put("session_id", created("POST", "/v1/sessions", projectKey, sessionStart(), "/session_id"));
        ids.put("/v1/webhooks/endpoints", created("POST", "/v1/webhooks/endpoints", admin,
                "{\"url\":\"https://herald.invalid/hook\",\"event_types\":[\"session.ended\"]}", "/id"));
        ids.put("/v1/platforms", created("POST", "/v1/platforms", admin,
                "{\"surface\":\"voice\",\"name\":\"fuzzp\",\"callback_url\":\"https://herald.invalid/cb\",\"project\":\"fuzz\"}",
                "/platform/id"));
        String principal = created("POST", "/v1/ratify/principals", admin, "{\"public_key\":" + new String(
                RatifyJson.encode(HybridKeyPair.generate(RANDOM).publicKey()), StandardCharsets.UTF_8) + "}", "/human_id");
        ids.put("humanId", principal);
        ids.put("rootId", principal);
        ids.put("version", "1");
        ids.put("lead_id", created("POST", "/api/v1/crm/leads", admin, "{\"phone\":\"+14155550199\"}", "/id"));
    }

    private String sessionStart() {
        ObjectNode body = HostileRequests.mapper().createObjectNode();
        ObjectNode permit = body.putObject("permit");
        permit.put("project_id", "fuzz");
        permit.put("idempotency_key", "fuzz-start-" + UUID.randomUUID());
        permit.putObject("subject").put("type", "user").put("id", "usr_fuzz");
        permit.putObject("action").put("name", "realtime.session");
        ObjectNode resource = permit.putObject("resource").put("type", "request").put("id", "req_fuzz");
        resource.putObject("attributes").put("provider", "openai").put("model", "gpt-4o-realtime-preview")
                .put("operation", "realtime.session").put("execution_mode", "realtime")
                .put("estimated_input_tokens", 0).put("estimated_output_tokens", 0);
        body.putObject("metadata").put("voice_provider", "openai_realtime");
        return body.toString();
    }

    /** Creates an object and returns its id (at {@code idPointer} in the answer); "missing" when refused. */
    private String created(String method, String path, String key, String body, String idPointer) {
        Answer a = send(method, path, key, "application/json", HostileRequests.bytes(body), Map.of());
        JsonNode json = a.json();
        String id = json == null ? null : json.at(idPointer).asText(null);
        System.out.println("hostile-input fixture: " + method + " " + path + " -> " + a.status + (id == null ? "" : " " + id));
        return a.status < 300 && id != null ? id : "missing";
    }

    /** Bases the schema alone cannot make valid: an atom batch needs a coherent atom. */
    private static final Map<String, String> BASES = Map.of(
            "POST /v1/voice/sessions/{session_id}/events", "{\"batch_idempotency_key\":\"fuzz-batch\",\"events\":[{"
                    + "\"atom_type\":\"transcript_span\",\"idempotency_key\":\"fuzz-atom\",\"captured_at_ns\":1000,"
                    + "\"direction\":\"inbound\",\"payload\":{\"text\":\"hello\",\"language\":\"en\"}}]}");

    private void attack(String method, String template, String key) {
        boolean admin = key.equals(this.admin);
        String query = admin && takesProject(method, template) ? "?project=fuzz" : "";
        JsonNode schema = hostile.requestSchema(method, template);
        JsonNode base = schema == null ? null : BASES.containsKey(method + " " + template)
                ? parse(BASES.get(method + " " + template)) : hostile.synthesize(schema);
        byte[] body = base == null ? null : HostileRequests.bytes(base.toString());
        String type = base == null ? null : "application/json";
        if (base != null) {
            for (HostileRequests.Body b : hostile.bodies(base)) {
                check(method, template, b.label(), send(method, fill(template) + query, key, b.contentType(), b.bytes(), Map.of()));
            }
        }
        String path = fill(template);
        for (String param : pathParams(template)) {
            for (String value : HostileRequests.pathValues()) {
                String p = template.replace("{" + param + "}", value);
                check(method, template, "path " + param + "=" + abbreviate(value),
                        send(method, fill(p) + query, key, type, body, Map.of()));
            }
        }
        for (String param : queryParams(method, template)) {
            for (String value : HostileRequests.queryValues()) {
                String q = (query.isEmpty() || param.equals("project") ? "?" : query + "&") + param + "=" + value;
                check(method, template, "query " + param + "=" + abbreviate(value), send(method, path + q, key, type, body, Map.of()));
            }
        }
        if (takesIdempotencyKey(method, template)) {
            for (String value : new String[] {"", "k".repeat(300), "a b", "tab\tkey"}) {
                check(method, template, "Idempotency-Key " + abbreviate(value),
                        send(method, path + query, key, type, body, Map.of("Idempotency-Key", value)));
            }
        }
        check(method, template, "unknown query parameter", send(method, path + (query.isEmpty() ? "?" : query + "&")
                + "zz_unknown=%00", key, type, body, Map.of()));
        check(method, template, "base", send(method, fill(template) + query, key, type, body, Map.of()));
    }

    private static JsonNode parse(String json) {
        try {
            return HostileRequests.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 2 MiB chunked body to one write of each kind and to the public timestamp authority. */
    private void chunkedOversize() {
        RawHttp raw = new RawHttp(herald.port());
        for (String[] target : new String[][] {{"/v1/policies?project=fuzz", "application/json", admin},
                {"/v1/sessions", "application/json", projectKey}, {"/tsa", "application/timestamp-query", null}}) {
            RawHttp.Response r = raw.chunkedUpload("POST " + target[0] + " HTTP/1.1\r\nHost: localhost\r\n"
                    + (target[2] == null ? "" : "Authorization: Bearer " + target[2] + "\r\n")
                    + "Content-Type: " + target[1] + "\r\n", 2L * 1024 * 1024, false);
            check("POST", target[0].split("\\?")[0], "chunked 2 MiB", new Answer(r.status(), r.contentType(), r.body()));
        }
    }

    private void check(String method, String template, String label, Answer a) {
        String where = method + " " + template + " [" + label + "] -> " + a.status;
        counts.computeIfAbsent(method + " " + template, k -> new TreeMap<>()).merge(a.status / 100 + "xx", 1, Integer::sum);
        counts.computeIfAbsent("(all)", k -> new TreeMap<>()).merge(a.status / 100 + "xx", 1, Integer::sum);
        if (a.status >= 500) {
            failures.add(where + ": " + abbreviate(new String(a.body, StandardCharsets.UTF_8)));
        }
        if (a.status >= 400) {
            boolean keepBody = a.status == 404 && template.startsWith("/v1/registry/");
            if (!keepBody && (a.contentType == null || !a.contentType.startsWith("application/problem+json"))) {
                failures.add(where + ": content type " + a.contentType);
            } else if (!keepBody) {
                JsonNode json = a.json();
                List<String> v = json == null ? List.of("not JSON") : validator.problemViolations(json);
                if (!v.isEmpty()) {
                    failures.add(where + ": " + v);
                }
            }
        }
        if (a.status < 300 && template.endsWith("/end")) {
            // The session was ended by a variant that was valid after all: later variants get a live one.
            ids.put("session_id", created("POST", "/v1/sessions", projectKey, sessionStart(), "/session_id"));
        }
        if (!method.equals("GET")) {
            Map<String, Long> now = rowCounts();
            if (a.status >= 400 && !unchangedBut(rows, now, recordedBy(a))) {
                failures.add(where + ": refused, but row counts changed " + diff(rows, now));
            }
            rows = now;
        }
    }

    private static List<String> recordedBy(Answer a) {
        JsonNode json = a.json();
        return json == null ? List.of() : RECORDED_REFUSALS.getOrDefault(json.path("type").asText(), List.of());
    }

    private static boolean unchangedBut(Map<String, Long> before, Map<String, Long> after, List<String> allowed) {
        return before.keySet().stream().allMatch(t -> allowed.contains(t) || before.get(t).equals(after.get(t)));
    }

    private Map<String, Long> rowCounts() {
        String sql = "SELECT " + String.join(", ", tables.stream().map(t -> "(SELECT COUNT(*) FROM " + t + ")").toList());
        return herald.services().db().read(h -> h.createQuery(sql).map((rs, c) -> {
            Map<String, Long> m = new TreeMap<>();
            for (int i = 0; i < tables.size(); i++) {
                m.put(tables.get(i), rs.getLong(i + 1));
            }
            return m;
        }).one());
    }

    private static String diff(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder sb = new StringBuilder();
        after.forEach((t, n) -> {
            if (!n.equals(before.get(t))) {
                sb.append(t).append(' ').append(before.get(t)).append("->").append(n).append(' ');
            }
        });
        return sb.toString().trim();
    }

    private void report() {
        System.out.println("Hostile-input suite on " + store().kind() + ": requests by operation and status class");
        counts.forEach((op, byClass) -> System.out.printf("  %-60s %6d  %s%n", op,
                byClass.values().stream().mapToInt(Integer::intValue).sum(), byClass));
    }

    private String fill(String template) {
        String path = template;
        for (String param : pathParams(template)) {
            String id = ids.getOrDefault(param, ids.get(template.substring(0, template.indexOf("/{"))));
            path = path.replace("{" + param + "}", id == null ? "missing" : id);
        }
        return path;
    }

    private static List<String> pathParams(String template) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^/}]+)}").matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private List<JsonNode> parameters(String method, String template) {
        JsonNode doc = validator.document();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode list : new JsonNode[] {doc.path("paths").path(template).path("parameters"),
                doc.path("paths").path(template).path(method.toLowerCase(Locale.ROOT)).path("parameters")}) {
            for (JsonNode p : list) {
                out.add(p.has("$ref") ? doc.at(p.get("$ref").asText().substring(1)) : p);
            }
        }
        return out;
    }

    private List<String> queryParams(String method, String template) {
        return parameters(method, template).stream().filter(p -> p.path("in").asText().equals("query"))
                .map(p -> p.path("name").asText()).toList();
    }

    private boolean takesProject(String method, String template) {
        return queryParams(method, template).contains("project");
    }

    private boolean takesIdempotencyKey(String method, String template) {
        return parameters(method, template).stream().anyMatch(p -> p.path("name").asText().equals("Idempotency-Key"));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...(" + s.length() + ")";
    }

    private record Answer(int status, String contentType, byte[] body) {
        JsonNode json() {
            try {
                return HostileRequests.mapper().readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }

    private Answer send(String method, String path, String key, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(herald.baseUrl() + path)).timeout(Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            // A path java.net.URI refuses (a bare '%'): send it as raw bytes instead.
            RawHttp.Response r = new RawHttp(herald.port()).exchange(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + (key == null ? "" : "Authorization: Bearer " + key + "\r\n") + "Connection: close\r\n"
                    + (body == null ? "" : "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n")
                    + "\r\n" + (body == null ? "" : new String(body, StandardCharsets.ISO_8859_1)));
            return new Answer(r.status(), r.contentType(), r.body());
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<java.io.InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), Http.body(r));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + abbreviate(path), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
