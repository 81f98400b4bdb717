package dev.herald.voice.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.server.Herald;
import dev.herald.server.Services;
import dev.herald.server.testing.RunningHerald;
import dev.herald.server.testing.SseClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live streams over a real port on each store, read by a raw SSE client: a call's stream
 * (backlog, live events, Last-Event-ID resume, its end after the verdict) and the workspace's
 * lifecycle stream. Events are appended through {@link CallEventLog}, as a running call does.
 */
abstract class CallStreamContract extends RunningHerald {
    static final Duration PROMPTLY = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    String ws;
    String key;

    /** A workspace per test: a new workspace stream starts with the last two seconds' events. */
    @BeforeEach
    void keys() {
        IssuedKey issued = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "ops", "dashboard");
        ws = issued.workspaceId();
        key = issued.secret().reveal();
    }

    /** Appends an event on {@code node} in a transaction of its own, as the call's writer does; returns its seq. */
    static long append(Herald node, String ws, String callId, CallEventType type, Map<String, Object> data) {
        Services s = node.services();
        CallEventLog log = new CallEventLog(s.mapper(), s.events(), s.clock(), s.db().dialect());
        return s.db().write(h -> log.append(h, ws, callId, type, data));
    }

    long append(String callId, CallEventType type, Map<String, Object> data) {
        return append(herald, ws, callId, type, data);
    }

    String liveCall() {
        return CallRows.call(ws, java.time.Instant.now()).live().insert(herald.services().db()).id;
    }

    SseClient callStream(String callId, String lastEventId) {
        return SseClient.authorized(herald.port(), "/api/v1/voice/calls/" + callId + "/events", key, lastEventId);
    }

    SseClient workspaceStream(int port, String lastEventId) {
        return SseClient.authorized(port, "/api/v1/voice/events", key, lastEventId);
    }

    SseClient workspaceStream(String key, String lastEventId) {
        return SseClient.authorized(herald.port(), "/api/v1/voice/events", key, lastEventId);
    }

    @Test
    void aCallStreamSendsTheBacklogThenLiveEventsAndEndsAfterTheVerdict() throws IOException {
        String call = liveCall();
        append(call, CallEventType.QUEUED, Map.of("status", "queued"));
        append(call, CallEventType.DIALLING, Map.of("status", "dialling"));
        try (SseClient client = callStream(call, null)) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.header("Content-Type")).startsWith("text/event-stream");
            SseClient.Item first = client.nextEvent(PROMPTLY);
            assertThat(first.id()).isEqualTo("1");
            assertThat(first.event()).isEqualTo("call.queued");
            JsonNode data = JSON.readTree(first.data());
            assertThat(data.path("call_id").asText()).isEqualTo(call);
            assertThat(data.path("seq").asLong()).isEqualTo(1);
            assertThat(data.path("type").asText()).isEqualTo("call.queued");
            assertThat(data.path("created_at").asText()).endsWith("Z");
            assertThat(data.path("data").path("status").asText()).isEqualTo("queued");
            assertThat(client.nextEvent(PROMPTLY).event()).isEqualTo("call.dialling");

            append(call, CallEventType.ANSWERED, Map.of("status", "in_progress"));
            append(call, CallEventType.PARTIAL_UTTERANCE, Map.of("role", "agent", "text", "Hi, this is", "start_ms", 0));
            append(call, CallEventType.FINAL_UTTERANCE, Map.of("role", "agent", "text",
                    "Hi, this is an AI assistant calling for Acme.", "start_ms", 0, "end_ms", 2100));
            append(call, CallEventType.TOOL_CALL, Map.of("tool_call_id", "t1", "tool", "check_availability"));
            append(call, CallEventType.TOOL_DECISION, Map.of("tool_call_id", "t1", "decision", "deny"));
            append(call, CallEventType.ENDED, Map.of("status", "ended", "outcome", "unqualified"));
            append(call, CallEventType.VERDICT, Map.of("qualified", false));
            List<String> types = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                SseClient.Item e = client.nextEvent(PROMPTLY);
                types.add(e.event());
                ids.add(e.id());
            }
            assertThat(types).containsExactly("call.answered", "utterance.partial", "utterance.final", "tool.call",
                    "tool.decision", "call.ended", "call.verdict");
            assertThat(ids).containsExactly("3", "4", "5", "6", "7", "8", "9");
            assertThat(client.completesWithin(PROMPTLY)).as("the stream ends after the verdict").isTrue();
        }
        // Resuming in the middle sends the rest and ends again; resuming after the verdict is 204.
        try (SseClient client = callStream(call, "7")) {
            assertThat(client.nextEvent(PROMPTLY).id()).isEqualTo("8");
            assertThat(client.nextEvent(PROMPTLY).id()).isEqualTo("9");
            assertThat(client.completesWithin(PROMPTLY)).isTrue();
        }
        try (SseClient client = callStream(call, "9")) {
            assertThat(client.status()).isEqualTo(204);
        }
    }

    @Test
    void aRefusedCallsStreamEndsWithTheRefusal() throws IOException {
        String call = liveCall();
        append(call, CallEventType.REFUSED, Map.of("refusal_reason", "do_not_call", "outcome", "do_not_call"));
        try (SseClient client = callStream(call, null)) {
            assertThat(client.nextEvent(PROMPTLY).event()).isEqualTo("call.refused");
            assertThat(client.completesWithin(PROMPTLY)).isTrue();
        }
    }

    @Test
    void anotherWorkspacesCallIs404AndABadLastEventIdIsNamed() throws IOException {
        String foreign = CallRows.call("ws_" + "0".repeat(26), java.time.Instant.now()).live()
                .insert(herald.services().db()).id;
        try (SseClient client = callStream(foreign, null)) {
            assertThat(client.status()).isEqualTo(404);
            assertThat(client.header("Content-Type")).startsWith("application/problem+json");
        }
        String call = liveCall();
        try (SseClient client = callStream(call, "seven")) {
            assertThat(client.status()).isEqualTo(422);
            assertThat(client.body()).contains("Last-Event-ID");
        }
        try (SseClient client = workspaceStream(herald.port(), "not-an-event")) {
            assertThat(client.status()).isEqualTo(422);
            assertThat(client.body()).contains("Last-Event-ID");
        }
        try (SseClient client = SseClient.open(herald.port(), "/api/v1/voice/events", null)) {
            assertThat(client.status()).isEqualTo(401);
        }
    }

    @Test
    void theWorkspaceStreamCarriesLifecycleEventsOnlyAndResumesAfterItsLastEventId() throws IOException {
        // A workspace of this test's own: a new stream starts with the last two seconds' events.
        IssuedKey own = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin");
        String ws = own.workspaceId();
        String key = own.secret().reveal();
        String a = CallRows.call(ws, java.time.Instant.now()).live().insert(herald.services().db()).id;
        String b = CallRows.call(ws, java.time.Instant.now()).live().insert(herald.services().db()).id;
        List<String> ids = new ArrayList<>();
        try (SseClient client = workspaceStream(key, null)) {
            assertThat(client.next(PROMPTLY).comment()).isEqualTo("stream open");
            append(herald, ws, a, CallEventType.QUEUED, Map.of("status", "queued"));
            append(herald, ws, b, CallEventType.QUEUED, Map.of("status", "queued"));
            append(herald, ws, a, CallEventType.FINAL_UTTERANCE, Map.of("role", "user", "text", "hello"));
            append(herald, ws, a, CallEventType.ANSWERED, Map.of("status", "in_progress"));
            // Another workspace's call: never on this stream.
            append(herald, "ws_" + "1".repeat(26), CallRows.newId(), CallEventType.QUEUED, Map.of("status", "queued"));
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SseClient.Item e = client.nextEvent(PROMPTLY);
                assertThat(e).as("event %d", i).isNotNull();
                JsonNode data = JSON.readTree(e.data());
                got.add(data.path("call_id").asText() + " " + e.event());
                assertThat(e.id()).matches("[0-9]+-" + data.path("call_id").asText() + "-" + data.path("seq").asLong());
                ids.add(e.id());
            }
            // Two events stamped in the same millisecond are ordered by call id, so only a's own order is fixed.
            assertThat(got).containsExactlyInAnyOrder(a + " call.queued", b + " call.queued", a + " call.answered");
            assertThat(got.indexOf(a + " call.queued")).isLessThan(got.indexOf(a + " call.answered"));
            assertThat(client.nextEvent(Duration.ofMillis(500))).as("nothing else").isNull();
        }
        append(herald, ws, b, CallEventType.DIALLING, Map.of("status", "dialling"));
        try (SseClient client = workspaceStream(key, ids.getFirst())) {
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(client.nextEvent(PROMPTLY).id());
            }
            // Events of one millisecond may come in another order than they did live (call id order).
            assertThat(got.subList(0, 2)).containsExactlyInAnyOrderElementsOf(ids.subList(1, 3));
            assertThat(got.get(2)).endsWith(b + "-2");
        }
    }
}
