package dev.herald.voice.calls;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.PageRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.ArrayList;
import java.util.List;

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
        // The filter's and the page's bad parameters are named together in one 422.
        List<FieldError> errors = new ArrayList<>();
        CallFilter filter = null;
        PageRequest page = null;
        try {
            filter = CallFilter.from(ctx::queryParam);
        } catch (Invalid e) {
            errors.addAll(e.errors());
        }
        try {
            page = PageRequest.from(ctx);
        } catch (Invalid e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        ctx.json(calls.list(caller.workspaceId(), filter, page));
    }

    private void get(Context ctx) {
        Caller caller = Caller.of(ctx);
        ctx.json(calls.get(caller.workspaceId(), ctx.pathParam("call_id")));
    }
}
