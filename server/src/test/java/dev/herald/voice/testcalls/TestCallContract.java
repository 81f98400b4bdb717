package dev.herald.voice.testcalls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.VerifyOptions;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.server.HeraldConfig;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.VoiceSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Test calls over HTTP on each store: the example conversation of docs/examples/voice-test-call.json
 * replayed turn by turn gets the verdict, transcript, governance and attestation of a phone call;
 * a denied tool changes what the agent says; one driver at a time; an idle call expires as failed;
 * bad input is a problem naming the field.
 */
abstract class TestCallContract extends RunningHerald {
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "voice-test-call.json");
    private final TestCallPorts ports = new TestCallPorts();
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    protected HeraldConfig config() {
        HeraldConfig c = store().config();
        return new HeraldConfig(c.port(), c.dataDir(), c.databaseUrl(), c.shutdownGrace(), c.tsaUrls(),
                c.allowPrivateTargets(), VoiceSettings.COMPRESSED.withPorts(ports.ports()));
    }

    private IssuedKey workspace() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "sales", null);
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<String> said(JsonNode answer) {
        return list(answer.path("steps")).stream().filter(s -> "say".equals(s.path("type").asText()))
                .map(s -> s.path("text").asText()).toList();
    }

    private static List<String> tools(JsonNode answer) {
        return list(answer.path("steps")).stream().filter(s -> "tool_call".equals(s.path("type").asText()))
                .map(s -> s.path("tool").asText()).toList();
    }

    private JsonNode ok(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json();
    }

    private List<String> eventTypes(String callId) {
        return herald.services().db().read(h -> h.createQuery(
                        "SELECT type FROM voice_call_events WHERE call_id = :c ORDER BY seq").bind("c", callId)
                .mapTo(String.class).list());
    }

    private boolean verifies(JsonNode call) {
        byte[] artifact = herald.services().sessions().attestation(call.path("project_id").asText(),
                call.path("session_id").asText());
        return new EvidenceVerifier(VerifyOptions.defaults()
                .withTrustAnchors(List.of(herald.tsa().credentials().root()))
                .withPinnedKeys(herald.services().attestation().keys().verificationKeys()))
                .verify(artifact).verified();
    }

    @Test
    void theExampleConversation_replayedOverHttp_endsQualifiedGovernedAndAttested() throws IOException {
        JsonNode script = mapper.readTree(Files.readString(EXAMPLE));
        IssuedKey ws = workspace();
        String key = ws.secret().reveal();
        ports.agents.delegate(ws.workspaceId(), script.path("open").path("profile_id").asText(),
                TestCallPorts.ALL_SCOPES);

        JsonNode opened = ok(http.post("/api/v1/voice/test-calls", key, script.path("open").toString()), 201);
        String id = opened.path("id").asText();
        assertThat(id).startsWith("call_");
        assertThat(opened.path("direction").asText()).isEqualTo("test");
        assertThat(opened.path("provider").asText()).isEqualTo("test");
        assertThat(opened.path("status").asText()).isEqualTo("in_progress");
        assertThat(String.join(" ", said(opened))).contains(script.path("expect_opening").path("agent_says").asText());
        for (JsonNode tool : script.path("expect_opening").path("tools")) {
            assertThat(tools(opened)).contains(tool.asText());
        }
        assertThat(list(opened.path("steps"))).allSatisfy(s -> assertThat(s.path("decision").asText()).isEqualTo("allow"));

        List<String> toolsUsed = new ArrayList<>(tools(opened));
        JsonNode last = opened;
        for (JsonNode turn : script.path("turns")) {
            String body = mapper.createObjectNode().put("text", turn.path("callee").asText()).toString();
            last = ok(http.post("/api/v1/voice/test-calls/" + id + "/turns", key, body), 200);
            toolsUsed.addAll(tools(last));
            if (turn.has("agent_says")) {
                assertThat(String.join(" ", said(last))).as(turn.toString())
                        .contains(turn.path("agent_says").asText());
            }
            if (turn.has("expect_tool")) {
                assertThat(tools(last)).as(turn.toString()).contains(turn.path("expect_tool").asText());
            }
            assertThat(last.path("ended").asBoolean()).as(turn.toString())
                    .isEqualTo(turn.path("expect_ended").asBoolean(false));
        }
        assertThat(toolsUsed).contains(script.path("expect_tool").asText());

        JsonNode call = ok(http.get("/api/v1/voice/test-calls/" + id, key), 200);
        JsonNode expect = script.path("expect_verdict");
        assertThat(call.path("status").asText()).isEqualTo("ended");
        assertThat(call.path("outcome").asText()).isEqualTo(expect.path("outcome").asText());
        assertThat(call.path("qualified").asBoolean()).isEqualTo(expect.path("qualified").asBoolean());
        assertThat(call.path("meeting_booked").asBoolean()).isEqualTo(expect.path("meeting_booked").asBoolean());
        assertThat(call.path("verdict").path("qualified").asBoolean()).isEqualTo(expect.path("qualified").asBoolean());
        for (JsonNode answer : expect.path("answers")) {
            assertThat(call.path("verdict").path("answers").has(answer.asText())).as(answer.asText()).isTrue();
        }
        assertThat(call.path("summary").asText()).isNotBlank();
        assertThat(call.path("end_reason").asText()).isEqualTo("agent_ended");
        assertThat(call.path("provider_end_code").asText()).isEqualTo("test:agent_ended");
        // The transcript holds both sides, every callee line as sent, in order.
        List<JsonNode> transcript = list(call.path("transcript"));
        List<String> calleeLines = transcript.stream().filter(t -> "user".equals(t.path("role").asText()))
                .map(t -> t.path("text").asText()).toList();
        assertThat(calleeLines).containsExactlyElementsOf(
                list(script.path("turns")).stream().map(t -> t.path("callee").asText()).toList());
        assertThat(transcript.getFirst().path("role").asText()).isEqualTo("agent");
        for (int i = 1; i < transcript.size(); i++) {
            assertThat(transcript.get(i).path("start_ms").asLong())
                    .isGreaterThanOrEqualTo(transcript.get(i - 1).path("end_ms").asLong());
        }
        assertThat(call.path("session_id").asText()).startsWith("sess");
        assertThat(call.path("chain_head_hash").asText()).isNotBlank();
        assertThat(verifies(call)).isTrue();

        List<String> events = eventTypes(id);
        assertThat(events).startsWith("call.dialling", "call.answered").endsWith("call.ended", "call.verdict");
        assertThat(events).contains("utterance.partial", "utterance.final", "turn.decision", "tool.call",
                "tool.decision", "tool.result");
        // Over: a further turn is a conflict, the end answers as it is.
        assertThat(http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"text\":\"hello?\"}").status())
                .isEqualTo(409);
        assertThat(ok(http.post("/api/v1/voice/test-calls/" + id + "/end", key, ""), 200).path("status").asText())
                .isEqualTo("ended");
    }

    @Test
    void aStoredLead_getsTheVerdictWrittenBack_andTheApiEndIsAnOperatorHangup() {
        IssuedKey ws = workspace();
        String key = ws.secret().reveal();
        ports.agents.delegate(ws.workspaceId(), "vpr_lead", TestCallPorts.ALL_SCOPES);
        String lead = ports.addLead(ws.workspaceId(), "lead_" + UUID.randomUUID().toString().substring(0, 8));
        JsonNode opened = ok(http.post("/api/v1/voice/test-calls", key,
                "{\"profile_id\":\"vpr_lead\",\"lead_id\":\"" + lead + "\"}"), 201);
        assertThat(String.join(" ", said(opened))).contains("Hi Grace");
        String id = opened.path("id").asText();
        ok(http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"text\":\"No, please don't record.\"}"), 200);
        // The same Idempotency-Key answers the same call; used for another request it is a conflict.
        String idem = "k-" + UUID.randomUUID();
        String keyed = ok(http.post("/api/v1/voice/test-calls", key, "{\"profile_id\":\"vpr_lead\"}",
                "Idempotency-Key", idem), 201).path("id").asText();
        JsonNode again = ok(http.post("/api/v1/voice/test-calls", key, "{\"profile_id\":\"vpr_lead\"}",
                "Idempotency-Key", idem), 201);
        assertThat(again.path("id").asText()).isEqualTo(keyed);
        assertThat(again.path("steps").size()).isZero();
        assertThat(http.post("/api/v1/voice/test-calls", key, "{\"profile_id\":\"vpr_other\"}",
                "Idempotency-Key", idem).status()).isEqualTo(409);
        // The calls hangup route ends a test call at its next turn, as it ends a phone call at its next step.
        ok(http.post("/api/v1/voice/calls/" + keyed + "/hangup", key, ""), 200);
        JsonNode hungUp = ok(http.post("/api/v1/voice/test-calls/" + keyed + "/turns", key, "{\"text\":\"Yes.\"}"), 200);
        assertThat(hungUp.path("ended").asBoolean()).isTrue();
        assertThat(hungUp.path("end_reason").asText()).isEqualTo("operator_hung_up");
        assertThat(hungUp.path("steps").size()).isZero();
        JsonNode silent = ok(http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"event\":\"silence\"}"), 200);
        assertThat(said(silent)).contains("Are you still there?");

        JsonNode ended = ok(http.post("/api/v1/voice/test-calls/" + id + "/end", key, ""), 200);
        assertThat(ended.path("status").asText()).isEqualTo("ended");
        assertThat(ended.path("end_reason").asText()).isEqualTo("operator_hung_up");
        assertThat(ended.path("lead_id").asText()).isEqualTo(lead);
        TestCallPorts.Written written = ports.verdicts.stream().filter(v -> v.verdict().callId().equals(id))
                .findFirst().orElseThrow();
        assertThat(written.leadId()).isEqualTo(lead);
        assertThat(written.verdict().chainHeadHash()).isEqualTo(ended.path("chain_head_hash").asText());
        assertThat(verifies(ended)).isTrue();
    }

    @Test
    void aDeniedBooking_changesWhatTheAgentSays() {
        IssuedKey ws = workspace();
        String key = ws.secret().reveal();
        // No data:write: book_meeting (and update_lead) are denied by the session's policy.
        ports.agents.delegate(ws.workspaceId(), "vpr_nowrite", List.of("meeting:attend", "meeting:speak",
                "execute:tool", "comms:message:send"));
        String id = ok(http.post("/api/v1/voice/test-calls", key, "{\"profile_id\":\"vpr_nowrite\","
                + "\"lead\":{\"name\":\"Alan Turing\",\"time_zone\":\"Europe/London\"}}"), 201).path("id").asText();
        JsonNode last = null;
        for (String line : List.of("Yes.", "Yes, I decide.", "Twenty five people.", "100 thousand dollars a year.",
                "Next month.", "Salesforce.", "The first one.")) {
            last = ok(http.post("/api/v1/voice/test-calls/" + id + "/turns", key,
                    mapper.createObjectNode().put("text", line).toString()), 200);
        }
        JsonNode booking = list(last.path("steps")).stream()
                .filter(s -> "book_meeting".equals(s.path("tool").asText())).findFirst().orElseThrow();
        assertThat(booking.path("decision").asText()).isEqualTo("deny");
        assertThat(booking.path("reason_code").asText()).isNotBlank();
        assertThat(String.join(" ", said(last))).contains("not able to book meetings");
        assertThat(last.path("ended").asBoolean()).isTrue();
        assertThat(last.path("meeting_booked").asBoolean()).isFalse();
        assertThat(last.path("transcript").toString()).contains("not able to book meetings");
        assertThat(verifies(last)).isTrue();
    }

    @Test
    void oneDriverAtATime_andAnIdleCallExpiresAsFailed() throws Exception {
        IssuedKey ws = workspace();
        String key = ws.secret().reveal();
        ports.agents.delegate(ws.workspaceId(), "vpr_idle", TestCallPorts.ALL_SCOPES);
        String id = ok(http.post("/api/v1/voice/test-calls", key, "{\"profile_id\":\"vpr_idle\"}"), 201)
                .path("id").asText();
        TestCallService tests = herald.services().voice().testCalls();
        LiveTestCall live = tests.liveCall(id);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Another driver holds the call (a lock is released by the thread that took it).
        Thread holder = Thread.ofVirtual().start(() -> {
            live.lock.lock();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                live.lock.unlock();
            }
        });
        held.await();
        try {
            Http.Response busy = http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"text\":\"Yes.\"}");
            assertThat(busy.status()).as(busy.body()).isEqualTo(409);
            assertThat(tests.expireIdle(Duration.ZERO)).isZero(); // a call being driven is left alone
        } finally {
            release.countDown();
            holder.join();
        }
        assertThat(live.lock.isLocked()).isFalse();
        assertThat(tests.expireIdle(Duration.ofMinutes(10))).isZero();
        assertThat(tests.expireIdle(Duration.ZERO)).isEqualTo(1);
        JsonNode expired = ok(http.get("/api/v1/voice/test-calls/" + id, key), 200);
        assertThat(expired.path("status").asText()).isEqualTo("failed");
        assertThat(expired.path("outcome").asText()).isEqualTo("failed");
        assertThat(expired.path("end_reason").asText()).isEqualTo("silence_timeout");
        assertThat(expired.path("summary").asText()).contains("expired");
        assertThat(verifies(expired)).isTrue();
        assertThat(http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"text\":\"Yes.\"}").status())
                .isEqualTo(409);
    }

    @Test
    void badInput_isAProblemNamingTheField() {
        IssuedKey ws = workspace();
        String key = ws.secret().reveal();
        Http.Response missing = http.post("/api/v1/voice/test-calls", key, "{}");
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(missing.json().path("errors").findValuesAsText("field")).contains("profile_id");
        Http.Response unknown = http.post("/api/v1/voice/test-calls", key,
                "{\"profile_id\":\"nope\",\"lead\":{\"time_zone\":\"Mars/Olympus\"}}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("errors").findValuesAsText("field")).contains("time_zone");
        Http.Response profile = http.post("/api/v1/voice/test-calls", key, "{\"profile_id\":\"nope\"}");
        assertThat(profile.json().path("errors").findValuesAsText("field")).contains("profile_id");
        Http.Response objective = http.post("/api/v1/voice/test-calls", key,
                "{\"profile_id\":\"vpr_x\",\"objective\":\"sell_ice\"}");
        assertThat(objective.json().path("errors").findValuesAsText("field")).contains("objective");
        Http.Response both = http.post("/api/v1/voice/test-calls", key,
                "{\"profile_id\":\"vpr_x\",\"lead_id\":\"l\",\"lead\":{\"name\":\"x\"}}");
        assertThat(both.json().path("errors").findValuesAsText("field")).contains("lead");

        ports.agents.delegate(ws.workspaceId(), "vpr_bad", TestCallPorts.ALL_SCOPES);
        String id = ok(http.post("/api/v1/voice/test-calls", key, "{\"profile_id\":\"vpr_bad\"}"), 201)
                .path("id").asText();
        Http.Response twoMoves = http.post("/api/v1/voice/test-calls/" + id + "/turns", key,
                "{\"text\":\"yes\",\"event\":\"silence\"}");
        assertThat(twoMoves.status()).isEqualTo(422);
        assertThat(twoMoves.json().path("errors").findValuesAsText("field")).contains("event");
        Http.Response badEvent = http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"event\":\"sing\"}");
        assertThat(badEvent.json().path("errors").findValuesAsText("field")).contains("event");
        Http.Response blank = http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"text\":\"  \"}");
        assertThat(blank.json().path("errors").findValuesAsText("field")).contains("text");
        assertThat(http.get("/api/v1/voice/test-calls/call_nope", key).status()).isEqualTo(404);
        // Another workspace's test call is a 404.
        assertThat(http.get("/api/v1/voice/test-calls/" + id, workspace().secret().reveal()).status()).isEqualTo(404);
        JsonNode hungUp = ok(http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"event\":\"hangup\"}"), 200);
        assertThat(hungUp.path("end_reason").asText()).isEqualTo("callee_hung_up");
    }

    /** A WebSocket client that queues the text frames it receives and remembers how it was closed. */
    private static final class Frames implements WebSocket.Listener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        JsonNode next(ObjectMapper mapper) throws Exception {
            String frame = frames.poll(30, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 30 s").isNotNull();
            return mapper.readTree(frame);
        }
    }

    private WebSocket socket(String callId, String key, Frames frames) throws Exception {
        URI uri = URI.create(herald.baseUrl().toString().replace("http://", "ws://")
                + "/api/v1/voice/test-calls/" + callId + "/socket");
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b.buildAsync(uri, frames).get(30, TimeUnit.SECONDS);
    }

    @Test
    void theSocket_drivesTheSameConversation_frameByFrame() throws Exception {
        JsonNode script = mapper.readTree(Files.readString(EXAMPLE));
        IssuedKey ws = workspace();
        String key = ws.secret().reveal();
        ports.agents.delegate(ws.workspaceId(), script.path("open").path("profile_id").asText(),
                TestCallPorts.ALL_SCOPES);
        String id = ok(http.post("/api/v1/voice/test-calls", key, script.path("open").toString()), 201)
                .path("id").asText();

        Frames refused = new Frames();
        socket(id, null, refused);
        JsonNode problem = refused.next(mapper);
        assertThat(problem.path("type").asText()).isEqualTo("problem");
        assertThat(problem.path("status").asInt()).isEqualTo(403);
        assertThat(refused.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1008);

        Frames frames = new Frames();
        WebSocket socket = socket(id, key, frames);
        socket.sendText("{\"event\":\"dance\"}", true).get(30, TimeUnit.SECONDS);
        JsonNode bad = frames.next(mapper);
        assertThat(bad.path("status").asInt()).isEqualTo(422);
        assertThat(bad.path("errors").findValuesAsText("field")).contains("event");
        JsonNode last = null;
        for (JsonNode turn : script.path("turns")) {
            socket.sendText(mapper.createObjectNode().put("text", turn.path("callee").asText()).toString(), true)
                    .get(30, TimeUnit.SECONDS);
            last = frames.next(mapper);
            assertThat(last.path("id").asText()).isEqualTo(id);
            if (turn.has("expect_tool")) {
                assertThat(tools(last)).contains(turn.path("expect_tool").asText());
            }
        }
        assertThat(last.path("ended").asBoolean()).isTrue();
        assertThat(last.path("outcome").asText()).isEqualTo(script.path("expect_verdict").path("outcome").asText());
        assertThat(last.path("verdict").path("qualified").asBoolean()).isTrue();
        assertThat(frames.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(verifies(last)).isTrue();
    }
}
