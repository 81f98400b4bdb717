package dev.herald.voice.calls;

import dev.herald.platform.domain.NotFound;
import dev.herald.platform.events.Backlog;
import dev.herald.platform.events.EventStreams;
import dev.herald.platform.events.StreamEvent;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One call's live event stream, served to whoever the route has already authorized: every event
 * from the first (or after {@code Last-Event-ID}), woken through the event bus, ending after the
 * verdict or refusal. The API's {@code GET /api/v1/voice/calls/{call_id}/events} sends the events as
 * stored; the web console sends the same events, ids and types with its own rendering of each
 * one's data, so both resume and end alike. Thread-safe.
 */
public final class CallStream {
    private final CallQueries calls;
    private final CallEventReader events;
    private final EventStreams streams;

    public CallStream(CallQueries calls, CallEventReader events, EventStreams streams) {
        this.calls = calls;
        this.events = events;
        this.streams = streams;
    }

    /**
     * Streams the workspace's call {@code callId} to {@code ctx}, each event passed through
     * {@code shape} (which must keep its id and type). NotFound when the workspace has no such call;
     * 204 when the client's {@code Last-Event-ID} is the call's last event (an EventSource then stops).
     */
    public void serve(Context ctx, String workspaceId, String callId, UnaryOperator<StreamEvent> shape) {
        if (!calls.exists(workspaceId, callId)) {
            throw new NotFound("no call " + callId);
        }
        String lastId = ctx.header("Last-Event-ID");
        if (lastId != null && StreamEvent.isValidId(lastId)) {
            long after = CallEventReader.seq(lastId);
            Optional<Long> last = events.lastSeq(callId);
            if (last.isPresent() && after >= last.get()) {
                // The client has the whole stream: 204 tells an EventSource to stop reconnecting.
                ctx.status(204);
                return;
            }
        }
        Backlog stored = events.ofCall(callId);
        Backlog shaped = (after, limit) -> stored.after(after, limit).stream().map(shape).toList();
        streams.serve(ctx, CallEventLog.callChannel(callId), shaped, CallEventReader::isLast);
    }
}
