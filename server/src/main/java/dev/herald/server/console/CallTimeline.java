package dev.herald.server.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.events.Backlog;
import dev.herald.platform.events.StreamEvent;
import dev.herald.voice.calls.CallEventReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A call's timeline from its event stream: final utterances and the decisions on agent turns and
 * tool calls, in the order they happened. The live page gets each as the stream sends it; a page
 * of a call that has ended reads them from the stored stream, so both show the same lines.
 */
public final class CallTimeline {
    /** Most events read for one page (a long call has a few thousand, mostly partial utterances). */
    static final int MAX_EVENTS = 20_000;
    static final String UTTERANCE = "utterance.final";
    static final String TURN_DECISION = "turn.decision";
    static final String TOOL_DECISION = "tool.decision";

    private final CallEventReader events;
    private final ObjectMapper mapper;

    public CallTimeline(CallEventReader events, ObjectMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    /**
     * The entries of the stored stream of {@code callId}; without utterances when {@code withWords}
     * is false (retention purged the transcript: its words are not shown again from the events).
     */
    public List<TimelineEntry> stored(String callId, boolean withWords) {
        Backlog backlog = events.ofCall(callId);
        List<TimelineEntry> out = new ArrayList<>();
        String last = null;
        for (int read = 0; read < MAX_EVENTS; ) {
            List<StreamEvent> page = backlog.after(last, 100);
            for (StreamEvent e : page) {
                entry(e).filter(t -> withWords || !t.isUtterance()).ifPresent(out::add);
            }
            if (page.size() < 100) {
                break;
            }
            read += page.size();
            last = page.getLast().id();
        }
        return out;
    }

    /** The timeline entry an event stands for, or empty for events that are none (partials, lifecycle). */
    public Optional<TimelineEntry> entry(StreamEvent e) {
        if (e.type() == null) {
            return Optional.empty();
        }
        return switch (e.type()) {
            case UTTERANCE -> {
                JsonNode d = data(e);
                yield Optional.of(TimelineEntry.utterance(seq(e), d.path("role").asText(), d.path("text").asText(),
                        d.path("interrupted").asBoolean()));
            }
            case TURN_DECISION -> {
                JsonNode d = data(e);
                yield Optional.of(TimelineEntry.decision(seq(e), "agent turn", d.path("decision").asText(),
                        reason(d)));
            }
            case TOOL_DECISION -> {
                JsonNode d = data(e);
                yield Optional.of(TimelineEntry.decision(seq(e), "tool " + d.path("tool").asText(),
                        d.path("decision").asText(), reason(d)));
            }
            default -> Optional.empty();
        };
    }

    /** The {@code data} member of an event as the call stream sends it ({@code {call_id, seq, type, created_at, data}}). */
    JsonNode data(StreamEvent e) {
        try {
            return mapper.readTree(e.data()).path("data");
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("call event " + e.id() + " is not JSON", ex);
        }
    }

    private static long seq(StreamEvent e) {
        return CallEventReader.seq(e.id());
    }

    private static String reason(JsonNode d) {
        String reason = d.path("reason").asText(null);
        String code = d.path("reason_code").asText(null);
        if (reason != null && code != null && !reason.equals(code)) {
            return reason + " (" + code + ")";
        }
        return reason != null ? reason : code;
    }
}
