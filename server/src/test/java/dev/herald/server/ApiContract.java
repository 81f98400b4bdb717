package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.StoreExtension;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP contract of the skeleton, run over a real port against each store (see the subclasses).
 * Each test works in its own workspace, so tests are independent of one another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContract {
    static final java.util.concurrent.Semaphore SLOW_STARTED = new java.util.concurrent.Semaphore(0);
    static final List<Function<Services, Feature>> TEST_FEATURES = List.of(s -> router -> {
        router.get("/v1/test/boom", ctx -> {
            throw new IllegalStateException("secret-internal-detail at jdbc:postgresql://db/password=hunter2");
        }, dev.herald.platform.auth.Access.ANY);
        router.get("/v1/test/public", ctx -> ctx.result("public"), dev.herald.platform.auth.Access.PUBLIC);
        router.get("/v1/test/slow", ctx -> {
            SLOW_STARTED.release();
            Thread.sleep(1_500);
            ctx.result("done");
        }, dev.herald.platform.auth.Access.ANY);
    });

    Herald herald;
    Http http;

    abstract StoreExtension store();

    @BeforeAll
    void startServer() {
        herald = Herald.start(store().config(), TEST_FEATURES);
        // Every response is checked against the OpenAPI document; test-only routes opt out explicitly.
        http = Http.validating(herald.baseUrl());
    }

    @AfterAll
    void stopServer() {
        herald.close();
    }

    /** An admin key in a fresh workspace. */
    String adminKey() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, null).secret().reveal();
    }

    static void assertProblem(Http.Response r, int status, String typeSlug) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.path("type").asText()).isEqualTo("urn:herald:problem:" + typeSlug);
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("detail").asText()).isNotBlank();
    }

    @Test
    void healthzAndReadyzAnswerWithoutAuth() {
        assertThat(http.get("/healthz", null).json().path("status").asText()).isEqualTo("ok");
        Http.Response ready = http.get("/readyz", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("database").asText())
                .isEqualTo(store().kind() == StoreExtension.Kind.SQLITE ? "sqlite" : "postgresql");
    }

    @Test
    void readyzIs503ProblemWhenTheDatabaseIsGone() {
        Herald third = Herald.start(store().config(), TEST_FEATURES);
        try {
            Http client = Http.validating(third.baseUrl());
            assertThat(client.get("/readyz", null).status()).isEqualTo(200);
            third.services().db().close();
            assertProblem(client.get("/readyz", null), 503, "unavailable");
            assertThat(client.get("/healthz", null).status()).isEqualTo(200);
        } finally {
            third.close();
        }
    }

    @Test
    void missingKeyIs401WithChallenge() {
        Http.Response r = http.get("/v1/me", null);
        assertProblem(r, 401, "unauthorized");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void publicRoutesUnderV1NeedNoKeyButOthersDo() {
        Http raw = http.unvalidated();
        assertThat(raw.get("/v1/test/public", null).body()).isEqualTo("public");
        assertProblem(raw.get("/v1/test/boom", null), 401, "unauthorized");
        assertProblem(raw.send("POST", "/v1/me", null, null, null), 405, "method-not-allowed");
    }

    @Test
    void wrongKeyIs401EvenWithAValidLookingPrefix() {
        String real = adminKey();
        String forged = real.substring(0, real.length() - 4) + (real.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (String key : List.of(forged, "hk_live_short", "not-a-key")) {
            Http.Response r = http.get("/v1/me", key);
            assertProblem(r, 401, "unauthorized");
            assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
        }
        assertProblem(http.send("GET", "/v1/me", null, null, null), 401, "unauthorized");
    }

    @Test
    void meDescribesTheCaller() {
        IssuedKey key = herald.services().bootstrap().createKey("me-" + UUID.randomUUID(), "voice", null);
        JsonNode me = http.get("/v1/me", key.secret().reveal()).json();
        assertThat(me.path("workspace").path("id").asText()).isEqualTo(key.workspaceId());
        assertThat(me.path("project").path("name").asText()).isEqualTo("voice");
        assertThat(me.path("key_id").asText()).isEqualTo(key.id());
        assertThat(me.path("scopes").toString()).isEqualTo("[\"project\"]");
    }

    @Test
    void unknownRouteAndWrongMethodAreProblems() {
        Http raw = http.unvalidated();
        assertProblem(raw.get("/nope", null), 404, "not-found");
        Http.Response wrongMethod = raw.send("DELETE", "/healthz", null, null, null);
        assertProblem(wrongMethod, 405, "method-not-allowed");
        assertThat(wrongMethod.header("Allow")).contains("GET");
    }

    @Test
    void malformedJsonIs400NamingTheDefect() {
        Http.Response r = http.post("/v1/projects", adminKey(), "{\"name\": ");
        assertProblem(r, 400, "malformed-request");
        assertThat(r.json().path("detail").asText()).contains("malformed JSON").contains("line 1");
        assertProblem(http.post("/v1/projects", adminKey(), "{\"name\":\"a\",\"name\":\"b\"}"), 400, "malformed-request");
        assertProblem(http.post("/v1/projects", adminKey(), "{\"name\":\"a\"} {}"), 400, "malformed-request");
        assertProblem(http.post("/v1/projects", adminKey(), "[]"), 400, "malformed-request");
    }

    @Test
    void invalidFieldsAre422NamingFieldAndReason() {
        String key = adminKey();
        Http.Response blank = http.post("/v1/projects", key, "{\"name\": \"\"}");
        assertProblem(blank, 422, "validation");
        assertThat(blank.json().path("errors").get(0).path("field").asText()).isEqualTo("name");
        assertThat(blank.json().path("errors").get(0).path("reason").asText()).isEqualTo("is required");

        Http.Response unknown = http.post("/v1/projects", key, "{\"name\": \"ok\", \"colour\": 1}");
        assertProblem(unknown, 422, "validation");
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("colour");

        Http.Response wrongType = http.post("/v1/projects", key, "{\"name\": 42}");
        assertProblem(wrongType, 422, "validation");
        assertThat(wrongType.json().path("errors").get(0).path("reason").asText()).isEqualTo("must be a string");

        assertProblem(http.get("/v1/projects?limit=0", key), 422, "validation");
        assertProblem(http.get("/v1/projects?cursor=bogus", key), 422, "validation");
    }

    @Test
    void wrongContentTypeIs415AndOversizedBodyIs413() {
        String key = adminKey();
        assertProblem(http.send("POST", "/v1/projects", key, "text/plain", "{\"name\":\"x\"}".getBytes()), 415,
                "unsupported-media-type");
        byte[] big = new byte[(int) Herald.MAX_REQUEST_BYTES + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        assertProblem(http.send("POST", "/v1/projects", key, "application/json", big), 413, "payload-too-large");
    }

    @Test
    void unexpectedErrorIs500WithoutLeakingInternals() {
        Http.Response r = http.unvalidated().get("/v1/test/boom", adminKey());
        assertProblem(r, 500, "internal");
        assertThat(r.body()).doesNotContain("secret-internal-detail").doesNotContain("hunter2")
                .doesNotContain("IllegalStateException");
    }

    @Test
    void projectKeyCannotUseAdminEndpoints() {
        String projectKey = herald.services().bootstrap().createKey("pk-" + UUID.randomUUID(), "voice", null)
                .secret().reveal();
        assertProblem(http.post("/v1/projects", projectKey, "{\"name\":\"x\"}"), 403, "forbidden");
        assertProblem(http.get("/v1/projects", projectKey), 403, "forbidden");
        assertThat(http.get("/v1/projects/voice", projectKey).status()).isEqualTo(200);
    }

    @Test
    void anotherWorkspacesProjectIsNotFoundByIdOrName() {
        String alice = adminKey();
        String bob = adminKey();
        JsonNode created = http.post("/v1/projects", alice, "{\"name\":\"secret-project\"}").json();
        String id = created.path("id").asText();
        assertThat(http.get("/v1/projects/" + id, alice).status()).isEqualTo(200);
        assertThat(http.get("/v1/projects/secret-project", alice).json().path("id").asText()).isEqualTo(id);
        Http.Response byId = http.get("/v1/projects/" + id, bob);
        Http.Response byName = http.get("/v1/projects/secret-project", bob);
        Http.Response missing = http.get("/v1/projects/prj_00000000000000000000000000", bob);
        assertProblem(byId, 404, "not-found");
        assertProblem(byName, 404, "not-found");
        assertThat(byId.json().path("title")).isEqualTo(missing.json().path("title"));
        assertThat(http.get("/v1/projects", bob).json().path("data")).isEmpty();
        assertProblem(http.post("/v1/api-keys", bob, "{\"project\":\"" + id + "\"}"), 404, "not-found");
    }

    @Test
    void duplicateProjectNameIs409() {
        String key = adminKey();
        assertThat(http.post("/v1/projects", key, "{\"name\":\"dup\"}").status()).isEqualTo(201);
        assertProblem(http.post("/v1/projects", key, "{\"name\":\"dup\"}"), 409, "conflict");
    }

    @Test
    void idempotentReplayReturnsTheFirstAnswerByteForByte() {
        String key = adminKey();
        Http.Response first = http.post("/v1/projects", key, "{\"name\":\"once\"}", "Idempotency-Key", "k-1");
        Http.Response again = http.post("/v1/projects", key, "{\"name\":\"once\"}", "Idempotency-Key", "k-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.bytes()).isEqualTo(first.bytes());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(http.get("/v1/projects", key).json().path("data")).hasSize(1);
    }

    @Test
    void reusingAnIdempotencyKeyForADifferentRequestIs409() {
        String key = adminKey();
        http.post("/v1/projects", key, "{\"name\":\"first\"}", "Idempotency-Key", "k-2");
        Http.Response conflict = http.post("/v1/projects", key, "{\"name\":\"second\"}", "Idempotency-Key", "k-2");
        assertProblem(conflict, 409, "conflict");
        assertThat(conflict.json().path("detail").asText()).contains("Idempotency-Key");
        assertThat(http.get("/v1/projects", key).json().path("data")).hasSize(1);
    }

    @Test
    void idempotencyKeysAreScopedToTheWorkspace() {
        Http.Response a = http.post("/v1/projects", adminKey(), "{\"name\":\"same\"}", "Idempotency-Key", "shared");
        Http.Response b = http.post("/v1/projects", adminKey(), "{\"name\":\"same\"}", "Idempotency-Key", "shared");
        assertThat(a.status()).isEqualTo(201);
        assertThat(b.status()).isEqualTo(201);
        assertThat(b.json().path("id").asText()).isNotEqualTo(a.json().path("id").asText());
    }

    @Test
    void anotherProjectReplayingAnIdempotencyKeyGetsItsOwnAnswerNotTheFirstProjects() {
        String admin = adminKey();
        http.post("/v1/projects", admin, "{\"name\":\"p1\"}");
        http.post("/v1/projects", admin, "{\"name\":\"p1b\"}");
        String p1 = http.post("/v1/api-keys", admin, "{\"project\":\"p1\"}").json().path("key").asText();
        String p1b = http.post("/v1/api-keys", admin, "{\"project\":\"p1b\"}").json().path("key").asText();

        // p1 has one ended session, p1b none: their exports differ.
        assertThat(http.post("/v1/policies", p1, "{\"name\":\"open\",\"policy_json\":{}}").status()).isEqualTo(201);
        String p1Id = http.get("/v1/me", p1).json().path("project").path("id").asText();
        Http.Response started = http.post("/v1/sessions", p1, "{\"permit\":{\"project_id\":\"" + p1Id + "\","
                + "\"idempotency_key\":\"call-1\","
                + "\"subject\":{\"type\":\"user\",\"id\":\"u1\"},\"action\":{\"name\":\"realtime.session\"},"
                + "\"resource\":{\"type\":\"request\",\"id\":\"r1\",\"attributes\":{\"provider\":\"openai\","
                + "\"model\":\"gpt-4o-realtime-preview\"}}}}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String session = started.json().path("session_id").asText();
        assertThat(http.post("/v1/sessions/" + session + "/end", p1, "{}").status()).isEqualTo(200);

        Http.Response first = http.post("/v1/compliance/exports", p1, "{}", "Idempotency-Key", "export-1");
        Http.Response other = http.post("/v1/compliance/exports", p1b, "{}", "Idempotency-Key", "export-1");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        assertThat(first.json().path("manifest").path("session_count").asInt()).isEqualTo(1);
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat(other.json().path("manifest").path("session_count").asInt()).isZero();
        assertThat(other.body()).doesNotContain(session);
        // An admin key of the workspace has its own scope as well.
        Http.Response byAdmin = http.post("/v1/compliance/exports?project=p1", admin, "{}", "Idempotency-Key", "export-1");
        assertThat(byAdmin.header("Idempotent-Replayed")).isNull();
        // Within one project the key still replays.
        Http.Response again = http.post("/v1/compliance/exports", p1, "{}", "Idempotency-Key", "export-1");
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.bytes()).isEqualTo(first.bytes());
    }

    @Test
    void aWriteUnderAKeyAnotherProjectUsedRunsAndCreatesItsOwnObject() {
        String admin = adminKey();
        http.post("/v1/projects", admin, "{\"name\":\"p1\"}");
        http.post("/v1/projects", admin, "{\"name\":\"p1b\"}");
        String p1 = http.post("/v1/api-keys", admin, "{\"project\":\"p1\"}").json().path("key").asText();
        String p1b = http.post("/v1/api-keys", admin, "{\"project\":\"p1b\"}").json().path("key").asText();

        Http.Response theirs = http.post("/v1/policies", p1b, "{\"name\":\"theirs\",\"policy_json\":{}}",
                "Idempotency-Key", "policy-1");
        Http.Response mine = http.post("/v1/policies", p1, "{\"name\":\"mine\",\"policy_json\":{}}",
                "Idempotency-Key", "policy-1");
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
        assertThat(mine.status()).as(mine.body()).isEqualTo(201);
        assertThat(mine.header("Idempotent-Replayed")).isNull();
        assertThat(mine.json().path("name").asText()).isEqualTo("mine");
        assertThat(http.get("/v1/policies", p1).json().path("data")).extracting(p -> p.path("name").asText())
                .containsExactly("mine");
        assertThat(http.get("/v1/policies", p1b).json().path("data")).extracting(p -> p.path("name").asText())
                .containsExactly("theirs");
    }

    @Test
    void concurrentRequestsWithOneKeyExecuteOnce() throws Exception {
        String key = adminKey();
        List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> http.post("/v1/projects", key, "{\"name\":\"race\"}", "Idempotency-Key", "race-1"), pool));
            }
        }
        Set<String> bodies = new HashSet<>();
        for (var c : calls) {
            Http.Response r = c.get();
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            bodies.add(r.body());
        }
        assertThat(bodies).hasSize(1);
        assertThat(http.get("/v1/projects", key).json().path("data")).hasSize(1);
    }

    @Test
    void twoNodesOnOneDatabaseExecuteAnIdempotentRequestOnce() throws Exception {
        String key = adminKey();
        try (Herald otherNode = Herald.start(store().config(), TEST_FEATURES)) {
            List<Http> nodes = List.of(http, Http.validating(otherNode.baseUrl()));
            List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 8; i++) {
                    Http node = nodes.get(i % 2);
                    calls.add(CompletableFuture.supplyAsync(() -> node.post("/v1/projects", key,
                            "{\"name\":\"two-nodes\"}", "Idempotency-Key", "node-race"), pool));
                }
            }
            Set<String> bodies = new HashSet<>();
            for (var c : calls) {
                assertThat(c.get().status()).as(c.get().body()).isEqualTo(201);
                bodies.add(c.get().body());
            }
            assertThat(bodies).hasSize(1);
        }
        assertThat(http.get("/v1/projects", key).json().path("data")).hasSize(1);
    }

    @Test
    void concurrentWritesAllSucceed() throws Exception {
        String key = adminKey();
        List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 32; i++) {
                String body = "{\"name\":\"p" + i + "\"}";
                calls.add(CompletableFuture.supplyAsync(() -> http.post("/v1/projects", key, body), pool));
            }
        }
        for (var c : calls) {
            assertThat(c.get().status()).as(c.get().body()).isEqualTo(201);
        }
    }

    @Test
    void projectsArePaginatedByCursor() {
        String key = adminKey();
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(http.post("/v1/projects", key, "{\"name\":\"page" + i + "\"}").json().path("id").asText());
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = http.get("/v1/projects?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), key).json();
            page.path("data").forEach(p -> assertThat(seen.add(p.path("id").asText())).isTrue());
            cursor = page.path("has_more").asBoolean() ? page.path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(created);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void adminCreatesAProjectKeyShownOnce() {
        String admin = adminKey();
        http.post("/v1/projects", admin, "{\"name\":\"calls\"}");
        Http.Response created = http.post("/v1/api-keys", admin, "{\"project\":\"calls\"}", "Idempotency-Key", "key-1");
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().path("key").asText();
        assertThat(secret).startsWith("hk_live_");
        assertThat(http.get("/v1/me", secret).json().path("project").path("name").asText()).isEqualTo("calls");

        Http.Response replay = http.post("/v1/api-keys", admin, "{\"project\":\"calls\"}", "Idempotency-Key", "key-1");
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().path("id").asText()).isEqualTo(created.json().path("id").asText());
        assertThat(replay.json().path("key").isNull()).isTrue();
        assertThat(replay.body()).doesNotContain(secret);
    }

    @Test
    void metricsExposeJvmAndRequestTimersByRouteTemplate() {
        String key = adminKey();
        http.get("/v1/projects/does-not-exist", key);
        String metrics = http.get("/metrics", null).body();
        assertThat(metrics).contains("jvm_memory_used_bytes");
        assertThat(metrics).contains("hikaricp_connections");
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_count\\{method=\"GET\",route=\"/v1/projects/\\{project}\",status=\"404\"} \\d");
        assertThat(metrics).doesNotContain("does-not-exist");
    }

    @Test
    void stopDrainsInFlightRequestsThenRefusesConnections() throws Exception {
        Herald second = Herald.start(store().config(), TEST_FEATURES);
        Http client = new Http(second.baseUrl());
        String key = adminKey();
        SLOW_STARTED.drainPermits();
        CompletableFuture<Http.Response> slow = CompletableFuture.supplyAsync(() -> client.get("/v1/test/slow", key));
        assertThat(SLOW_STARTED.tryAcquire(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        second.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
        Http.Response finished = slow.get();
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.body()).isEqualTo("done");
        assertThat(second.services().db().isClosed()).isTrue();
        var refused = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused.send(
                java.net.http.HttpRequest.newBuilder(second.baseUrl().resolve("/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }
}
