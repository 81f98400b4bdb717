package dev.herald.voice.calls;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.events.EventStreams;
import dev.herald.platform.events.StreamEvent;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/**
 * The live streams ({@code text/event-stream}): {@code GET /api/v1/voice/calls/{call_id}/events}, one
 * call's every event from the first (or after {@code Last-Event-ID}), ending after its verdict;
 * and {@code GET /api/v1/voice/events}, the workspace's call lifecycle events from now on (or after
 * {@code Last-Event-ID}). Both are woken through the event bus, so a subscriber on any node sees
 * events written on any other. Heartbeats and back-pressure are {@link EventStreams}'.
 */
public final class CallStreamRoutes implements Feature {
    private final CallStream calls;
    private final CallEventReader events;
    private final EventStreams streams;

    public CallStreamRoutes(CallStream calls, CallEventReader events, EventStreams streams) {
        this.calls = calls;
        this.events = events;
        this.streams = streams;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/api/v1/voice/calls/{call_id}/events", this::callStream);
        router.get("/api/v1/voice/events", this::workspaceStream);
    }

    private void callStream(Context ctx) {
        calls.serve(ctx, Caller.of(ctx).workspaceId(), ctx.pathParam("call_id"), e -> e);
    }

    private void workspaceStream(Context ctx) {
        Caller caller = Caller.of(ctx);
        String lastId = ctx.header("Last-Event-ID");
        // A malformed id is EventStreams' 400; only a well-formed one is parsed here.
        String resume = lastId != null && StreamEvent.isValidId(lastId) ? lastId : null;
        streams.serve(ctx, CallEventLog.workspaceChannel(caller.workspaceId()),
                events.ofWorkspace(caller.workspaceId(), resume));
    }
}
