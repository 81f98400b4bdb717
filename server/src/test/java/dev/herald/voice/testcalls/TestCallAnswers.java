package dev.herald.voice.testcalls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.voice.VoiceWorkspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

/** Reading a test call's answers (its steps) and the example conversation the contracts replay. */
final class TestCallAnswers {
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "voice-test-call.json");

    private TestCallAnswers() {
    }

    /** docs/examples/voice-test-call.json. */
    static JsonNode example(ObjectMapper mapper) {
        try {
            return mapper.readTree(Files.readString(EXAMPLE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example's opening request, naming the workspace's own profile. */
    static String opening(JsonNode script, String profileId) {
        return ((ObjectNode) script.path("open").deepCopy()).put("profile_id", profileId).toString();
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** What the agent said in this answer's steps, in order. */
    static List<String> said(JsonNode answer) {
        return list(answer.path("steps")).stream().filter(s -> "say".equals(s.path("type").asText()))
                .map(s -> s.path("text").asText()).toList();
    }

    /** The tools the agent called in this answer's steps, in order. */
    static List<String> tools(JsonNode answer) {
        return list(answer.path("steps")).stream().filter(s -> "tool_call".equals(s.path("type").asText()))
                .map(s -> s.path("tool").asText()).toList();
    }

    /** The first step calling {@code tool}. */
    static JsonNode toolStep(JsonNode answer, String tool) {
        return list(answer.path("steps")).stream().filter(s -> tool.equals(s.path("tool").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + tool + " step in " + answer.path("steps")));
    }

    /** Whether the call's session attestation passes the offline verifier. */
    static boolean verifies(VoiceWorkspace w, JsonNode call) {
        return w.attestationVerifies(call.path("project_id").asText(), call.path("session_id").asText());
    }
}
