package dev.herald.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.RatifyJson;
import dev.herald.server.Herald;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RawHttp;
import dev.herald.server.testing.RunningHerald;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge against hostile framing and hostile text, over a real port on each store: body
 * limits hold while reading whatever the transfer encoding, Jetty's own failures are
 * problem+json, NUL and unpaired surrogates are refused before any service sees them, and error
 * details neither name Java types nor echo inputs whole.
 */
abstract class HttpEdgeContract extends RunningHerald {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long MIB = 1024 * 1024;
    private RawHttp raw;
    private String admin;
    private String projectKey;

    @BeforeAll
    void setUp() {
        // Several answers here (a 422 on a path parameter) are not listed per operation; the
        // problem shape is what is checked.
        http = http.unvalidated();
        raw = new RawHttp(herald.port());
        String workspace = "ws-" + UUID.randomUUID();
        admin = herald.services().bootstrap().createKey(workspace, null, null).secret().reveal();
        assertThat(http.post("/v1/projects", admin, "{\"name\":\"edge\"}").status()).isEqualTo(201);
        projectKey = herald.services().bootstrap().createKey(workspace, "edge", null).secret().reveal();
    }

    private static void assertProblem(int status, String contentType, JsonNode body, int expected) {
        assertThat(status).as(body.toString()).isEqualTo(expected);
        assertThat(contentType).startsWith("application/problem+json");
        assertThat(body.path("status").asInt()).isEqualTo(expected);
        assertThat(body.path("type").asText()).startsWith("urn:herald:problem:");
        assertThat(body.path("detail").asText()).isNotBlank();
    }

    private static void assertProblem(RawHttp.Response r, int expected) {
        assertProblem(r.status(), r.contentType(), r.json(), expected);
    }

    private static void assertProblem(Http.Response r, int expected) {
        assertProblem(r.status(), r.contentType(), r.json(), expected);
    }

    private static void assertField(Http.Response r, String field) {
        assertProblem(r, 422);
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    private int count(String table) {
        return herald.services().db().read(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    private String head(String method, String path, String key, String contentType) {
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                + "Content-Type: " + contentType + "\r\n";
    }

    @Test
    void chunkedBodyOverTheLimit_isRefusedWhileReading_andStoresNothing() {
        int before = count("policies");
        // The client sends 2 MiB and then stalls without ending the body: only a server that
        // stops at the limit while reading can answer at all.
        RawHttp.Response r = raw.chunkedUpload(head("POST", "/v1/policies?project=edge", admin, "application/json"),
                2 * MIB, true);
        assertProblem(r, 413);
        assertThat(r.json().path("type").asText()).isEqualTo("urn:herald:problem:payload-too-large");

        // A complete 19 MB policy sent chunked with a valid key is refused too; no policy row exists.
        RawHttp.Response big = raw.chunkedUpload(head("POST", "/v1/policies?project=edge", admin, "application/json"),
                "{\"name\":\"big\",\"policy_json\":{\"description\":\"".getBytes(StandardCharsets.UTF_8), 19_000_000,
                "\"}}".getBytes(StandardCharsets.UTF_8), false);
        assertProblem(big, 413);
        assertThat(count("policies")).isEqualTo(before);
    }

    @Test
    void parallelOversizeUploadsWithoutAKey_areRefused_andTheServerStaysHealthy() {
        List<CompletableFuture<RawHttp.Response>> uploads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            uploads.add(CompletableFuture.supplyAsync(() -> raw.chunkedUpload(
                    head("POST", "/tsa", null, "application/timestamp-query"), 30_000_000, false)));
        }
        uploads.add(CompletableFuture.supplyAsync(() -> raw.chunkedUpload(
                head("POST", "/tsa", null, "application/timestamp-query"), 2 * MIB, true)));
        for (CompletableFuture<RawHttp.Response> upload : uploads) {
            assertProblem(upload.join(), 413);
        }
        assertThat(http.get("/readyz", null).status()).isEqualTo(200);
    }

    @Test
    void declaredLengthOverTheLimit_isA413Problem() {
        RawHttp.Response r = raw.exchange(head("POST", "/v1/projects", admin, "application/json")
                + "Content-Length: " + (Herald.MAX_REQUEST_BYTES + 1) + "\r\nConnection: close\r\n\r\n{");
        assertProblem(r, 413);
    }

    @Test
    void malformedChunkSize_isA400Problem() {
        RawHttp.Response r = raw.exchange(head("POST", "/v1/projects", admin, "application/json")
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
        assertProblem(r, 400);
        assertThat(r.json().path("type").asText()).isEqualTo("urn:herald:problem:malformed-request");
    }

    @Test
    void errorsJettyAnswersItself_areProblemJson() {
        String longPath = "/v1/" + "a".repeat(20_000);
        assertProblem(raw.exchange("GET " + longPath + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 414);
        assertProblem(raw.exchange("GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n"), 431);
        assertProblem(raw.exchange("GET /v1/projects/a%00b HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin
                + "\r\nConnection: close\r\n\r\n"), 400);
        assertProblem(raw.exchange("GET /v1/projects/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
        assertProblem(raw.exchange("GET /v1/me HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"), 400);
        assertProblem(raw.exchange("GARBAGE\r\n\r\n"), 400);
    }

    @Test
    void malformedPercentEscapeInAPathParameter_isA400Problem() {
        // Jetty accepts %u002e; Javalin's decoding of the path parameter then threw (a 500).
        for (String path : new String[] {"/v1/projects/%u002e", "/v1/webhooks/endpoints/a%u0000", "/v1/projects/a%"}) {
            assertProblem(raw.exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin
                    + "\r\nConnection: close\r\n\r\n"), 400);
        }
    }

    @Test
    void nullInAVoicePolicyScopeList_isA422NamingTheEntry() {
        Http.Response r = http.send("PUT", "/v1/platforms/plt_missing/voice-policy", admin, "application/json",
                "{\"required_session_scopes\":[\"meeting:attend\",null]}".getBytes(StandardCharsets.UTF_8));
        assertField(r, "required_session_scopes[1]");
    }

    @Test
    void nulInParametersAndJsonStrings_isA422NamingTheField() {
        assertField(http.get("/v1/policies?project=%00", admin), "project");
        // An encoded NUL in the path is refused by Jetty itself (an ambiguous path), as problem+json.
        assertProblem(http.get("/v1/projects/a%00", admin), 400);
        assertField(http.post("/v1/api-keys", admin, "{\"project\":\"\\u0000\"}"), "project");
        assertField(http.post("/v1/platforms", admin, "{\"surface\":\"voice\",\"name\":\"p\",\"callback_url\":"
                + "\"https://example.com/cb\",\"project\":\"a\\u0000\"}"), "project");
        assertField(http.post("/v1/webhooks/endpoints", admin, "{\"url\":\"https://example.com/h\","
                + "\"description\":\"x\\u0000y\"}"), "description");
        assertThat(count("webhook_endpoints")).isZero();
    }

    @Test
    void unpairedSurrogates_areA422NamingTheField_andNothingIsStoredChanged() {
        int before = count("policies");
        assertField(http.post("/v1/policies?project=edge", admin,
                "{\"name\":\"s\",\"policy_json\":{\"allowed_tools\":[\"ok\",\"bad\\ud800\"]}}"), "policy_json.allowed_tools[1]");
        assertField(http.post("/v1/policies?project=edge", admin,
                "{\"name\":\"s\",\"policy_json\":{\"description\":\"\\udc00 low first\"}}"), "policy_json.description");
        assertThat(count("policies")).isEqualTo(before);
        // A correctly paired surrogate (an emoji) is ordinary text and is kept exactly.
        Http.Response ok = http.post("/v1/policies?project=edge", admin,
                "{\"name\":\"emoji\",\"policy_json\":{\"description\":\"\\ud83d\\ude00\"}}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().path("policy_json").path("description").asText()).isEqualTo("\uD83D\uDE00");
    }

    private String startSession() {
        Http.Response r = http.post("/v1/sessions", projectKey, "{\"permit\":{\"project_id\":\"edge\",\"idempotency_key\":\"s-"
                + UUID.randomUUID() + "\",\"subject\":{\"type\":\"user\",\"id\":\"usr_edge\"},\"action\":{\"name\":"
                + "\"realtime.session\"},\"resource\":{\"type\":\"request\",\"id\":\"req_edge\",\"attributes\":{"
                + "\"provider\":\"openai\",\"model\":\"gpt-4o-realtime-preview\",\"operation\":\"realtime.session\","
                + "\"execution_mode\":\"realtime\"}}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("session_id").asText();
    }

    @Test
    void unpairedSurrogatesInChainedFields_areA422_notA500() {
        // These reached canonical JSON (CanonicalJsonException, a 500) before the edge refused them.
        String session = startSession();
        assertField(http.post("/v1/sessions/" + session + "/turns", projectKey,
                "{\"input_tokens\":1,\"output_tokens\":1,\"metadata\":{\"note\":\"\\ud800\"}}"), "metadata.note");
        assertField(http.post("/v1/voice/sessions/" + session + "/events", projectKey,
                "{\"batch_idempotency_key\":\"b1\",\"events\":[{\"atom_type\":\"transcript_span\",\"idempotency_key\":\"e1\","
                        + "\"captured_at_ns\":1000,\"direction\":\"inbound\",\"payload\":{\"text\":\"hi \\udbff\",\"language\":\"en\"}}]}"),
                "events[0].payload.text");
        assertField(http.post("/v1/sessions/" + session + "/end", projectKey,
                "{\"usage_metrics\":[{\"meter\":\"\\udfff\",\"quantity\":1}]}"), "usage_metrics[0].meter");
        // The session is still open and its chain untouched: a clean end succeeds.
        Http.Response end = http.post("/v1/sessions/" + session + "/end", projectKey, "{}");
        assertThat(end.status()).as(end.body()).isEqualTo(200);
    }

    @Test
    void anchorWithoutMembers_isA422NamingTheAnchorType() {
        String key = new String(RatifyJson.encode(HybridKeyPair.generate(RANDOM).publicKey()), StandardCharsets.UTF_8);
        Http.Response r = http.post("/v1/ratify/principals", admin, "{\"public_key\":" + key + ",\"anchor\":{}}");
        assertField(r, "anchor.type");
    }

    @Test
    void errorDetails_nameNoJavaTypes_andCapEchoedValues() {
        Http.Response array = http.post("/v1/projects", admin, "[1]");
        assertProblem(array, 400);
        assertThat(array.body()).doesNotContain("dev.herald").doesNotContain("$").doesNotContain("`");

        Http.Response wrongType = http.post("/v1/projects", admin, "{\"name\":{\"a\":1}}");
        assertThat(wrongType.body()).doesNotContain("dev.herald").doesNotContain("java.");

        String huge = "p".repeat(1_000_000);
        Http.Response missing = http.unvalidated().post("/v1/api-keys", admin, "{\"project\":\"" + huge + "\"}");
        assertThat(missing.status()).isBetween(400, 499);
        assertThat(missing.bytes().length).isLessThan(2_000);
        assertThat(missing.body()).contains("\u2026");

        Http.Response unknownField = http.post("/v1/projects", admin, "{\"name\":\"x\",\"" + "f".repeat(40_000) + "\":1}");
        assertField(unknownField, "f".repeat(Echo.MAX_TEXT) + "\u2026");
        assertThat(unknownField.bytes().length).isLessThan(2_000);

        Http.Response longName = http.post("/v1/projects", admin, "{\"" + "f".repeat(60_000) + "\":1}");
        assertProblem(longName, 400);
        assertThat(longName.body()).doesNotContain("`").doesNotContain("StreamReadConstraints");
    }
}
