package dev.herald.server.mcp;

import static dev.herald.server.mcp.McpClients.call;
import static dev.herald.server.mcp.McpClients.error;
import static dev.herald.server.mcp.McpClients.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.HeraldConfig;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.VoiceSettings;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The MCP tools over a real port, driven by the SDK's own client: the tools and their schemas,
 * a qualifier run on imported leads with the simulated provider (at twenty times real pace) that
 * must agree with what the REST API answers about the same batch and calls, idempotent retries,
 * tool errors that name the argument, the default profile, and tenant isolation. The SDK checks
 * every structured answer against the tool's output schema, on the server and in the client.
 */
abstract class McpToolsContract extends RunningHerald {
    private static final List<String> TOOLS = List.of("run_voice_qualifier", "get_call_results", "list_calls", "get_call");

    @Override
    protected HeraldConfig config() {
        return store().config().withVoice(new VoiceSettings(20));
    }

    private String adminKey() {
        return herald.services().bootstrap().createKey("mcp-" + UUID.randomUUID(), null, "admin").secret().reveal();
    }

    private McpSyncClient client(String key) {
        return McpClients.sdk(herald.baseUrl(), key);
    }

    @Test
    void theFourToolsAreListedWithSelfContainedSchemas() {
        try (McpSyncClient mcp = client(adminKey())) {
            assertThat(mcp.getServerInfo().name()).isEqualTo("herald");
            List<McpSchema.Tool> tools = mcp.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrderElementsOf(TOOLS);
            for (McpSchema.Tool t : tools) {
                assertThat(t.description()).as(t.name()).isNotBlank();
                JsonNode input = McpClients.JSON.valueToTree(t.inputSchema());
                assertThat(input.path("type").asText()).as(t.name()).isEqualTo("object");
                assertThat(input.path("properties").isEmpty()).as(t.name()).isFalse();
                assertThat(t.outputSchema()).as(t.name()).containsEntry("type", "object");
                // Every reference stays inside the tool's own schema: no OpenAPI pointer leaks out.
                String schemas = McpClients.JSON.valueToTree(t.inputSchema()) + " "
                        + McpClients.JSON.valueToTree(t.outputSchema());
                assertThat(schemas).as(t.name()).doesNotContain("#/components/");
            }
            McpSchema.Tool run = tools.stream().filter(t -> t.name().equals("run_voice_qualifier")).findFirst().orElseThrow();
            JsonNode input = McpClients.JSON.valueToTree(run.inputSchema());
            assertThat(input.path("required").toString()).isEqualTo("[\"lead_ids\",\"objective\"]");
            List<String> properties = new ArrayList<>();
            input.path("properties").fieldNames().forEachRemaining(properties::add);
            assertThat(properties).contains("lead_ids", "objective", "calendar_connector_id", "profile_id", "name",
                    "max_concurrent_calls", "calls_per_minute", "idempotency_key");
        }
    }

    @Test
    void aQualifierRunOnThreeImportedLeadsCompletesAndAgreesWithTheRestApi() throws Exception {
        String key = adminKey();
        created(http.post("/api/v1/voice/profiles", key, "{\"name\":\"Ava\"}"));
        List<String> leads = importLeads(key, 3);
        try (McpSyncClient mcp = client(key)) {
            // No profile_id: the workspace's only profile is used.
            JsonNode started = ok(call(mcp, "run_voice_qualifier", runArguments(leads, "batch-" + UUID.randomUUID())));
            String batch = started.path("call_batch_id").asText();
            assertThat(batch).startsWith("cmp_");
            assertThat(started.path("replayed").asBoolean()).isFalse();
            assertThat(started.path("campaign").path("lead_count").asInt()).isEqualTo(3);
            assertThat(started.path("progress").path("total").asInt()).isEqualTo(3);

            JsonNode results = awaitFinished(mcp, batch);
            assertThat(results.path("state").asText()).isEqualTo("completed");
            assertThat(results.path("results")).hasSize(3);
            JsonNode rest = status(http.get("/api/v1/voice/campaigns/" + batch, key), 200);
            assertThat(results.path("progress")).isEqualTo(rest.path("progress"));
            assertThat(results.path("completed_at")).isEqualTo(rest.path("completed_at"));
            JsonNode restResults = status(http.get("/api/v1/voice/campaigns/" + batch + "/results?limit=100", key), 200);
            assertThat(results.path("results")).isEqualTo(restResults.path("data"));

            // A page of one, then the next: the cursor walks the same leads in list order.
            JsonNode first = ok(call(mcp, "get_call_results", Map.of("call_batch_id", batch, "limit", 1)));
            assertThat(first.path("has_more").asBoolean()).isTrue();
            JsonNode second = ok(call(mcp, "get_call_results", Map.of("call_batch_id", batch, "limit", 1,
                    "cursor", first.path("next_cursor").asText())));
            assertThat(second.path("results").get(0)).isEqualTo(restResults.path("data").get(1));

            JsonNode calls = ok(call(mcp, "list_calls", Map.of("campaign_id", batch, "limit", 100)));
            JsonNode restCalls = status(http.get("/api/v1/voice/calls?campaign_id=" + batch + "&limit=100", key), 200);
            assertThat(calls).isEqualTo(restCalls);
            assertThat(calls.path("data")).hasSize(3);

            String callId = calls.path("data").get(0).path("id").asText();
            JsonNode view = ok(call(mcp, "get_call", Map.of("call_id", callId)));
            JsonNode restView = status(http.get("/api/v1/voice/calls/" + callId, key), 200);
            // A recording link is signed when it is read, so its expiry differs between two reads.
            ((ObjectNode) view).remove("recording");
            ((ObjectNode) restView).remove("recording");
            assertThat(view).isEqualTo(restView);
            assertThat(view.path("governance").path("attestation").asText()).isNotBlank();
        }
    }

    @Test
    void aRetryUnderTheSameKeyAnswersTheFirstBatchAndDifferentArgumentsAreRefused() {
        String key = adminKey();
        String profile = created(http.post("/api/v1/voice/profiles", key, "{\"name\":\"Ava\"}")).path("id").asText();
        List<String> leads = importLeads(key, 2);
        String idem = "retry-" + UUID.randomUUID();
        try (McpSyncClient mcp = client(key)) {
            Map<String, Object> arguments = runArguments(leads, idem);
            arguments.put("profile_id", profile);
            JsonNode first = ok(call(mcp, "run_voice_qualifier", arguments));
            // The same arguments in another order are the same request.
            Map<String, Object> reordered = new LinkedHashMap<>();
            new ArrayList<>(arguments.keySet()).reversed().forEach(k -> reordered.put(k, arguments.get(k)));
            JsonNode again = ok(call(mcp, "run_voice_qualifier", reordered));
            assertThat(again.path("replayed").asBoolean()).isTrue();
            assertThat(again.path("call_batch_id")).isEqualTo(first.path("call_batch_id"));
            assertThat(again.path("campaign")).isEqualTo(first.path("campaign"));

            arguments.put("name", "another batch");
            assertThat(error(call(mcp, "run_voice_qualifier", arguments)))
                    .contains("idempotency_key").contains(idem).contains("different arguments");
            JsonNode list = status(http.get("/api/v1/voice/campaigns", key), 200);
            assertThat(list.path("data")).hasSize(1);
        }
    }

    @Test
    void missingOrInvalidArgumentsAreToolErrorsThatNameTheArgument() {
        String key = adminKey();
        try (McpSyncClient mcp = client(key)) {
            assertThat(error(call(mcp, "run_voice_qualifier", Map.of()))).startsWith("invalid arguments")
                    .contains("lead_ids").contains("objective is required");
            assertThat(error(call(mcp, "run_voice_qualifier", Map.of("lead_ids", "lead_a", "objective", "qualify_for_demo"))))
                    .contains("lead_ids must be an array");
            assertThat(error(call(mcp, "run_voice_qualifier", Map.of("lead_ids", List.of("lead_a"),
                    "objective", "qualify_for_demo", "profile_id", "vpr_x", "speed", 3)))).contains("speed unknown field");
            assertThat(error(call(mcp, "run_voice_qualifier", Map.of("lead_ids", List.of("lead_a", "lead_a"),
                    "objective", "Qualify!", "profile_id", "vpr_x", "max_concurrent_calls", 0))))
                    .contains("lead_ids[1] repeats lead_ids[0]").contains("objective must be")
                    .contains("max_concurrent_calls must be");
            assertThat(error(call(mcp, "run_voice_qualifier", Map.of("lead_ids", List.of("lead_a"),
                    "objective", "qualify_for_demo", "idempotency_key", 5)))).contains("idempotency_key must be a string");
            assertThat(error(call(mcp, "run_voice_qualifier", Map.of("lead_ids", List.of("lead_nowhere"),
                    "objective", "qualify_for_demo", "profile_id", "vpr_nowhere"))))
                    .contains("lead_ids[0] names no lead of this workspace: lead_nowhere").contains("profile_id");

            assertThat(error(call(mcp, "run_voice_qualifier", Map.of("lead_ids", List.of("lead_a"),
                    "objective", "qualify_for_demo", "name", "bad\u0000name")))).contains("name must not contain U+0000");

            assertThat(error(call(mcp, "get_call_results", Map.of()))).contains("call_batch_id is required");
            assertThat(error(call(mcp, "get_call_results", Map.of("limit", 0))))
                    .contains("call_batch_id is required").contains("limit must be an integer from 1 to 100");
            assertThat(error(call(mcp, "get_call_results", Map.of("call_batch_id", "cmp_x", "cursor", "not-a-cursor"))))
                    .contains("cursor is not a cursor");
            assertThat(error(call(mcp, "list_calls", Map.of("since", "yesterday", "outcome", "great"))))
                    .contains("since must be an RFC 3339 time").contains("outcome must be one of");
            assertThat(error(call(mcp, "list_calls", Map.of("since", "2026-01-02T00:00:00Z",
                    "until", "2026-01-01T00:00:00Z")))).contains("until must be after since");
            assertThat(error(call(mcp, "get_call", Map.of()))).contains("call_id is required");
            assertThat(error(call(mcp, "get_call", Map.of("call_id", 7)))).contains("call_id must be a string");
        }
        // Nothing was written by any of them.
        assertThat(status(http.get("/api/v1/voice/campaigns", key), 200).path("data")).isEmpty();
    }

    @Test
    void withoutAProfileIdTheToolSaysWhichProfilesExistOrHowToCreateOne() {
        String key = adminKey();
        List<String> leads = importLeads(key, 1);
        try (McpSyncClient mcp = client(key)) {
            Map<String, Object> arguments = Map.of("lead_ids", leads, "objective", "qualify_for_demo");
            assertThat(error(call(mcp, "run_voice_qualifier", arguments)))
                    .contains("profile_id is required").contains("no voice profile").contains("POST /api/v1/voice/profiles");
            String ava = created(http.post("/api/v1/voice/profiles", key, "{\"name\":\"Ava\"}")).path("id").asText();
            String ben = created(http.post("/api/v1/voice/profiles", key, "{\"name\":\"Ben\"}")).path("id").asText();
            assertThat(error(call(mcp, "run_voice_qualifier", arguments)))
                    .contains("profile_id is required").contains("2 voice profiles")
                    .contains(ava + " (Ava)").contains(ben + " (Ben)");
        }
        assertThat(status(http.get("/api/v1/voice/campaigns", key), 200).path("data")).isEmpty();
    }

    @Test
    void anotherWorkspacesBatchAndCallAnswerAsMissingOnes() throws InterruptedException {
        String owner = adminKey();
        created(http.post("/api/v1/voice/profiles", owner, "{\"name\":\"Ava\"}"));
        List<String> leads = importLeads(owner, 1);
        String stranger = adminKey();
        try (McpSyncClient mine = client(owner); McpSyncClient theirs = client(stranger)) {
            String batch = ok(call(mine, "run_voice_qualifier", runArguments(leads, null))).path("call_batch_id").asText();
            String missing = "cmp_" + "0".repeat(26);
            String seen = error(call(theirs, "get_call_results", Map.of("call_batch_id", batch)));
            String absent = error(call(theirs, "get_call_results", Map.of("call_batch_id", missing)));
            assertThat(seen).startsWith("not found").isEqualTo(absent.replace(missing, batch));
            assertThat(ok(call(theirs, "list_calls", Map.of("campaign_id", batch))).path("data")).isEmpty();
            String callId = awaitFirstCall(mine, batch);
            assertThat(error(call(theirs, "get_call", Map.of("call_id", callId)))).startsWith("not found");
            assertThat(error(call(theirs, "run_voice_qualifier", Map.of("lead_ids", leads, "objective", "qualify_for_demo"))))
                    .contains("lead_ids[0] names no lead of this workspace");
        }
    }

    /** Arguments that finish fast: any hour is in the window and no outcome is retried. */
    static Map<String, Object> runArguments(List<String> leads, String idempotencyKey) {
        Map<String, Object> retry = new LinkedHashMap<>();
        for (String outcome : List.of("no_answer", "busy", "voicemail", "failed")) {
            retry.put(outcome, Map.of("max_attempts", 1));
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("lead_ids", leads);
        args.put("objective", "qualify_for_demo");
        args.put("name", "Webinar follow-up");
        args.put("max_concurrent_calls", 3);
        args.put("calls_per_minute", 600);
        args.put("calling_window", Map.of("start", "00:00", "end", "23:59"));
        args.put("retry", retry);
        if (idempotencyKey != null) {
            args.put("idempotency_key", idempotencyKey);
        }
        return args;
    }

    private List<String> importLeads(String key, int count) {
        StringBuilder csv = new StringBuilder("name,phone,email,company,time_zone,consent\n");
        for (int i = 0; i < count; i++) {
            csv.append("Lead ").append(i).append(",+1 (415) 555-").append(3000 + i).append(",lead").append(i)
                    .append("@example.com,Acme ").append(i).append(",America/New_York,granted\n");
        }
        JsonNode imported = status(http.send("POST", "/api/v1/crm/leads/import", key, "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8)), 200);
        List<String> ids = new ArrayList<>();
        imported.path("lead_ids").forEach(id -> ids.add(id.asText()));
        assertThat(ids).hasSize(count);
        return ids;
    }

    private static JsonNode awaitFinished(McpSyncClient mcp, String batch) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(180);
        JsonNode r = null;
        while (Instant.now().isBefore(deadline)) {
            r = ok(call(mcp, "get_call_results", Map.of("call_batch_id", batch)));
            if (r.path("state").asText().equals("completed")) {
                return r;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("call batch not completed within 180 s: " + r);
    }

    private static String awaitFirstCall(McpSyncClient mcp, String batch) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonNode page = ok(call(mcp, "list_calls", Map.of("campaign_id", batch, "limit", 1)));
            if (!page.path("data").isEmpty()) {
                return page.path("data").get(0).path("id").asText();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the batch placed no call within 60 s");
    }

    private static JsonNode created(Http.Response r) {
        return status(r, 201);
    }

    private static JsonNode status(Http.Response r, int expected) {
        assertThat(r.status()).as(r.body()).isEqualTo(expected);
        return r.json();
    }
}
