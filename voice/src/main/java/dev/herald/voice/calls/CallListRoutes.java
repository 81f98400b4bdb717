package dev.herald.voice.calls;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.http.FilteredPage;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/**
 * {@code GET /api/v1/voice/calls} (filtered by {@code lead_id}, {@code profile_id}, {@code outcome},
 * {@code direction}, {@code campaign_id}, {@code from}/{@code to}; cursor-paged, newest first) and
 * {@code GET /api/v1/voice/calls/{call_id}}. Any key of the workspace but a platform's own.
 */
public final class CallListRoutes implements Feature {
    private final CallQueries calls;

    public CallListRoutes(CallQueries calls) {
        this.calls = calls;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/api/v1/voice/calls", this::list);
        router.get("/api/v1/voice/calls/{call_id}", this::get);
    }

    private void list(Context ctx) {
        Caller caller = Caller.of(ctx);
        FilteredPage<CallFilter> query = FilteredPage.from(ctx, CallFilter::from);
        ctx.json(calls.list(caller.workspaceId(), query.filter(), query.page()));
    }

    private void get(Context ctx) {
        Caller caller = Caller.of(ctx);
        ctx.json(calls.get(caller.workspaceId(), ctx.pathParam("call_id")));
    }
}
