package dev.herald.voice.testcalls;

import static dev.herald.voice.VoiceWorkspace.ok;
import static dev.herald.voice.testcalls.TestCallAnswers.example;
import static dev.herald.voice.testcalls.TestCallAnswers.opening;
import static dev.herald.voice.testcalls.TestCallAnswers.tools;
import static dev.herald.voice.testcalls.TestCallAnswers.verifies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.HeraldConfig;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.VoiceSettings;
import dev.herald.voice.VoiceWorkspace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A test call driven over its WebSocket on each store, over the server's own wiring: without a key
 * the socket answers one problem frame and closes; a bad frame is a problem frame and the socket
 * stays open; the example conversation of docs/examples/voice-test-call.json, frame by frame, ends
 * qualified with an attested session, and the server then closes the socket normally.
 */
abstract class TestCallSocketContract extends RunningHerald {
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    protected HeraldConfig config() {
        return store().config().withVoice(VoiceSettings.COMPRESSED);
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
        JsonNode script = example(mapper);
        VoiceWorkspace w = VoiceWorkspace.create(herald, http);
        String key = w.key();
        String id = ok(http.post("/api/v1/voice/test-calls", key, opening(script, w.profile())), 201)
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
        assertThat(verifies(w, last)).isTrue();
    }
}
