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

    /**
     * What a reader got: the events in arrival order, the last status, when the stream ended, and
     * how often it reconnected (with {@code Last-Event-ID}, as a browser's EventSource does) after
     * the server ended a stream before {@code call.verdict}, and why.
     */
    record Result(String callId, int status, List<Received> events, long endedNanos, String error, int reconnects,
                  List<String> cutBy) {
    }

    /** Reconnections allowed per stream before the reader gives up. */
    static final int MAX_RECONNECTS = 10;

    private CallStream() {}

    /** Reads the whole stream, reconnecting after {@code Last-Event-ID} when it is cut before the verdict. */
    static Result read(VoiceApi api, String callId) {
        List<Received> got = new ArrayList<>();
        List<String> cuts = new ArrayList<>();
        Once last = null;
        for (int attempt = 0; attempt <= MAX_RECONNECTS; attempt++) {
            String after = got.isEmpty() ? null : got.get(got.size() - 1).id();
            last = once(api, callId, after, got);
            boolean finished = !got.isEmpty() && got.get(got.size() - 1).type().equals("call.verdict");
            if (finished || last.status() == 204 || (last.status() != 200 && last.status() != -1 && last.status() != 503)) {
                break;
            }
            cuts.add(last.error() == null ? "ended without call.verdict" : last.error());
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boolean finished = !got.isEmpty() && got.get(got.size() - 1).type().equals("call.verdict");
        return new Result(callId, last.status(), got, System.nanoTime(), finished ? null
                : last.error() == null ? "ended without call.verdict" : last.error(), cuts.size(), cuts);
    }

    private record Once(int status, String error) {
    }

    private static Once once(VoiceApi api, String callId, String lastEventId, List<Received> got) {
        int status = -1;
        try {
            HttpResponse<InputStream> r = api.openStream("/api/v1/voice/calls/" + callId + "/events", lastEventId);
            status = r.statusCode();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                if (status != 200) {
                    return new Once(status, status == 204 ? null : "status " + status);
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
            return new Once(status, null);
        } catch (IOException | RuntimeException e) {
            return new Once(status, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Once(status, "interrupted");
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
