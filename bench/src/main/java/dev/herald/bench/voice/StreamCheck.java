package dev.herald.bench.voice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The checks on one call's stream: complete and in order as received, and equal to a re-read after the end. */
final class StreamCheck {
    private StreamCheck() {}

    /** Ids 1..n without gaps, each id the event's {@code seq}, the SSE name its type, {@code call.verdict} last and only there. */
    static void inOrder(CallStream.Result r, List<String> problems) {
        String call = r.callId();
        if (r.error() != null) {
            problems.add(call + ": stream failed after " + r.events().size() + " events: " + r.error());
        }
        List<CallStream.Received> ev = r.events();
        if (ev.isEmpty()) {
            problems.add(call + ": no events");
            return;
        }
        for (int i = 0; i < ev.size(); i++) {
            CallStream.Received e = ev.get(i);
            String expected = Integer.toString(i + 1);
            if (!expected.equals(e.id()) || e.seq() != i + 1) {
                problems.add(call + ": event " + (i + 1) + " arrived with id " + e.id() + " and seq " + e.seq());
                return;
            }
            if (!e.type().equals(e.name())) {
                problems.add(call + ": event " + e.id() + " named " + e.name() + " but typed " + e.type());
            }
            if (e.type().equals("call.verdict") && i != ev.size() - 1) {
                problems.add(call + ": call.verdict at " + e.id() + " is not the last event");
            }
        }
        if (!ev.get(0).type().equals("call.queued")) {
            problems.add(call + ": first event is " + ev.get(0).type());
        }
        if (!ev.get(ev.size() - 1).type().equals("call.verdict")) {
            problems.add(call + ": stream ended after " + ev.get(ev.size() - 1).type() + ", not call.verdict");
        }
    }

    /**
     * The stream read whole again after the end equals what the live reader got, event for event
     * (id, name and data byte for byte); the call's stored transcript has as many turns as the
     * stream had {@code utterance.final} events.
     */
    static List<String> againstReRead(VoiceApi api, CallStream.Result live) {
        List<String> problems = new ArrayList<>();
        CallStream.Result again = CallStream.read(api, live.callId());
        if (again.error() != null) {
            problems.add(live.callId() + ": re-read failed: " + again.error());
        }
        List<CallStream.Received> a = live.events();
        List<CallStream.Received> b = again.events();
        if (a.size() != b.size()) {
            problems.add(live.callId() + ": live reader got " + a.size() + " events, re-read " + b.size());
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            CallStream.Received x = a.get(i);
            CallStream.Received y = b.get(i);
            if (!x.id().equals(y.id()) || !x.name().equals(y.name()) || !x.data().equals(y.data())) {
                problems.add(live.callId() + ": event " + (i + 1) + " differs on re-read");
                break;
            }
        }
        JsonNode call = api.get("/api/v1/voice/calls/" + live.callId());
        long finals = a.stream().filter(e -> e.type().equals("utterance.final")).count();
        int turns = call.path("transcript").isArray() ? call.path("transcript").size() : 0;
        if (turns != finals) {
            problems.add(live.callId() + ": transcript has " + turns + " turns, the stream " + finals + " utterance.final events");
        }
        String status = call.path("status").asText();
        if (!status.equals("ended")) {
            problems.add(live.callId() + ": status " + status + " (" + call.path("end_reason").asText() + ")");
        }
        return problems;
    }
}
