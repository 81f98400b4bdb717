package dev.herald.server.mcp;

import static dev.herald.server.mcp.McpClients.initialize;
import static dev.herald.server.mcp.McpClients.message;
import static dev.herald.server.mcp.McpClients.post;
import static dev.herald.server.mcp.McpClients.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may use {@code /mcp}, over raw HTTP: the REST API's bearer keys, checked before the SDK
 * reads the request (problem+json, never a JSON-RPC body); a voice platform's own key refused as
 * the tools' REST routes refuse it; a session id good only with the key that opened it.
 */
abstract class McpAuthContract extends RunningHerald {
    private Http raw;

    @BeforeAll
    void rawClient() {
        // /mcp is JSON-RPC, not a REST operation: its answers are not in the OpenAPI document.
        raw = http.unvalidated();
    }

    private String adminKey(String workspace) {
        return herald.services().bootstrap().createKey(workspace, null, "admin").secret().reveal();
    }

    private static String workspace() {
        return "mcp-auth-" + UUID.randomUUID();
    }

    /** Opens a session with {@code key}: its id. */
    private String open(String key) {
        Http.Response r = post(raw, key, null, initialize(1));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(message(r).path("result").path("serverInfo").path("name").asText()).isEqualTo("herald");
        String session = r.header(McpAuthFilter.SESSION_HEADER);
        assertThat(session).isNotBlank();
        Http.Response initialized = post(raw, key, session,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(initialized.status()).as(initialized.body()).isEqualTo(202);
        return session;
    }

    private static void assertProblem(Http.Response r, int status, String type) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("type").asText()).isEqualTo("urn:herald:problem:" + type);
        assertThat(r.json().path("status").asInt()).isEqualTo(status);
    }

    @Test
    void noKeyOrABadKeyIsA401ProblemBeforeAnyMcpProcessing() {
        Http.Response none = post(raw, null, null, initialize(1));
        assertProblem(none, 401, "unauthorized");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"herald\"");
        Http.Response bad = post(raw, "hk_not_a_key", null, initialize(1));
        assertProblem(bad, 401, "unauthorized");
        assertThat(bad.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        Http.Response basic = raw.send("POST", McpEndpoint.PATH, null, "application/json",
                initialize(1).getBytes(java.nio.charset.StandardCharsets.UTF_8), "Authorization", "Basic dXNlcjpwdw==");
        assertProblem(basic, 401, "unauthorized");
        // Even a body that is not JSON-RPC at all is refused for its missing key, not parsed.
        assertProblem(post(raw, null, null, "not json"), 401, "unauthorized");
        for (String method : List.of("GET", "DELETE")) {
            assertProblem(raw.send(method, McpEndpoint.PATH, null, null, null, "Accept", McpClients.ACCEPT),
                    401, "unauthorized");
        }
        assertThatThrownBy(() -> McpClients.sdk(herald.baseUrl(), "hk_not_a_key").close())
                .as("the SDK's client cannot initialize with a bad key").isInstanceOf(RuntimeException.class);
    }

    @Test
    void aRevokedKeyIsRefusedEvenInsideItsOwnSession() {
        var issued = herald.services().bootstrap().createKey(workspace(), null, "short-lived");
        String key = issued.secret().reveal();
        String session = open(key);
        herald.services().apiKeys().revoke(issued.workspaceId(), issued.id());
        assertProblem(post(raw, key, session, request(2, "tools/list")), 401, "unauthorized");
    }

    @Test
    void aVoicePlatformsOwnKeyIsRefusedAsTheToolsRestRoutesRefuseIt() {
        String admin = adminKey(workspace());
        Http.Response project = http.post("/v1/projects", admin, "{\"name\":\"calls\"}");
        assertThat(project.status()).as(project.body()).isEqualTo(201);
        Http.Response platform = http.post("/v1/platforms", admin, "{\"surface\":\"voice\",\"name\":\"gateway\","
                + "\"callback_url\":\"https://hooks.example.com/platform\",\"project\":\"calls\"}");
        assertThat(platform.status()).as(platform.body()).isEqualTo(201);
        String platformKey = platform.json().path("api_key").asText();
        assertProblem(post(raw, platformKey, null, initialize(1)), 403, "forbidden");
        // The REST route run_voice_qualifier mirrors refuses that key the same way.
        assertProblem(http.post("/api/v1/voice/campaigns", platformKey, "{}"), 403, "forbidden");
        // A project key (not a platform's) is accepted.
        String projectKey = herald.services().bootstrap().createKey("mcp-project-" + UUID.randomUUID(), "voice", null)
                .secret().reveal();
        open(projectKey);
    }

    @Test
    void aSessionIdWorksOnlyWithTheKeyThatOpenedIt() {
        String ws = workspace();
        String mine = adminKey(ws);
        String colleague = adminKey(ws);
        String stranger = adminKey(workspace());
        String session = open(mine);

        Http.Response listed = post(raw, mine, session, request(2, "tools/list"));
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        message(listed).path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("run_voice_qualifier", "get_call_results", "list_calls", "get_call");

        // Another key, of the same workspace or another, meets the session as a missing one.
        Http.Response unknown = post(raw, mine, "not-a-session-" + UUID.randomUUID(), request(3, "tools/list"));
        assertProblem(unknown, 404, "not-found");
        for (String other : List.of(colleague, stranger)) {
            Http.Response r = post(raw, other, session, request(3, "tools/list"));
            assertProblem(r, 404, "not-found");
            assertThat(r.json().path("detail").asText()).isEqualTo(unknown.json().path("detail").asText()
                    .replaceAll("'[^']*'", "'" + session + "'"));
            assertProblem(raw.send("DELETE", McpEndpoint.PATH, other, null, null, "Mcp-Session-Id", session), 404,
                    "not-found");
        }

        // Closed by its own key, the session is gone for it too.
        Http.Response closed = raw.send("DELETE", McpEndpoint.PATH, mine, null, null, "Mcp-Session-Id", session,
                "MCP-Protocol-Version", "2025-06-18");
        assertThat(closed.status()).as(closed.body()).isIn(200, 204);
        assertProblem(post(raw, mine, session, request(4, "tools/list")), 404, "not-found");
    }

    @Test
    void aToolCallOverRawJsonRpcAnswersAToolResultNotAProtocolError() {
        String key = adminKey(workspace());
        String session = open(key);
        Http.Response r = post(raw, key, session, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"get_call\",\"arguments\":{}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode m = message(r);
        assertThat(m.has("error")).as(m.toString()).isFalse();
        assertThat(m.path("result").path("isError").asBoolean()).isTrue();
        assertThat(m.path("result").path("content").get(0).path("text").asText()).contains("call_id is required");
        // A lone surrogate, which only a JSON escape can spell, is named like any bad argument.
        Http.Response surrogate = post(raw, key, session, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"list_calls\",\"arguments\":{\"lead_id\":\"x\\ud800\"}}}");
        assertThat(message(surrogate).path("result").path("content").get(0).path("text").asText())
                .contains("lead_id must not contain an unpaired UTF-16 surrogate");
    }

    @Test
    void anOversizeBodyIsA413AndATransportErrorIsAJsonRpcErrorWithoutInternals() {
        String key = adminKey(workspace());
        String session = open(key);
        String big = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"get_call\","
                + "\"arguments\":{\"call_id\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}}}";
        assertProblem(post(raw, key, session, big), 413, "payload-too-large");

        Http.Response malformed = post(raw, key, session, "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        JsonNode m = message(malformed);
        assertThat(m.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(m.path("error").path("message").asText()).startsWith("Invalid message format");
        assertThat(malformed.body()).doesNotContain("stackTrace").doesNotContain("java.").doesNotContain("Feature");
        Http.Response noStream = raw.send("POST", McpEndpoint.PATH, key, "application/json",
                request(3, "tools/list").getBytes(java.nio.charset.StandardCharsets.UTF_8), "Accept", "application/json",
                "Mcp-Session-Id", session);
        assertThat(noStream.status()).isEqualTo(400);
        assertThat(message(noStream).path("error").path("message").asText()).contains("Accept");
    }
}
