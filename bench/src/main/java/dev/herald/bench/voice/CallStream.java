package dev.herald.bench.voice;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one call's event stream ({@code GET /api/v1/voice/calls/{id}/events}) from its first
 * event until the server ends it (after {@code call.verdict}), as a plain SSE client: lines of
 * {@code id:}, {@code event:} and {@code data:}, an empty line dispatching, comments skipped.
 */
final class CallStream {
    /** One event as received: the SSE id and name, and the JSON data line as sent. */
    record Received(String id, String name, String data, long createdAtMillis, String type, long seq,
                    JsonNode payload) {
    }

    /** What a reader got: the events in arrival order, the status, and when the stream ended. */
    record Result(String callId, int status, List<Received> events, long endedNanos, String error) {
    }

    private CallStream() {}

    static Result read(VoiceApi api, String callId) {
        List<Received> got = new ArrayList<>();
        int status = -1;
        try {
            HttpResponse<InputStream> r = api.openStream("/api/v1/voice/calls/" + callId + "/events");
            status = r.statusCode();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                if (status != 200) {
                    return new Result(callId, status, got, System.nanoTime(), "status " + status);
                }
                String id = null;
                String name = null;
                StringBuilder data = null;
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            got.add(parse(id, name, data.toString()));
                        }
                        id = null;
                        name = null;
                        data = null;
                    } else if (line.startsWith(":")) {
                        continue; // comment: stream open, heartbeat
                    } else if (line.startsWith("id:")) {
                        id = value(line);
                    } else if (line.startsWith("event:")) {
                        name = value(line);
                    } else if (line.startsWith("data:")) {
                        data = data == null ? new StringBuilder(value(line)) : data.append('\n').append(value(line));
                    }
                }
            }
            return new Result(callId, status, got, System.nanoTime(), null);
        } catch (IOException | RuntimeException e) {
            return new Result(callId, status, got, System.nanoTime(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(callId, status, got, System.nanoTime(), "interrupted");
        }
    }

    private static String value(String line) {
        int colon = line.indexOf(':');
        String v = line.substring(colon + 1);
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    private static Received parse(String id, String name, String data) throws IOException {
        JsonNode node = VoiceApi.MAPPER.readTree(data);
        long created = Instant.parse(node.path("created_at").asText()).toEpochMilli();
        return new Received(id, name, data, created, node.path("type").asText(), node.path("seq").asLong(-1),
                node.path("data"));
    }
}
