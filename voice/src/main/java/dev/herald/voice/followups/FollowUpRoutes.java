package dev.herald.voice.followups;

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
 * {@code GET /api/v1/voice/follow-ups?lead_id=&call_id=&cursor=&limit=}: the workspace's
 * follow-ups, newest first, cursor-paged. Any key of the workspace but a platform's own.
 */
public final class FollowUpRoutes implements Feature {
    private final FollowUpService followUps;

    public FollowUpRoutes(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/api/v1/voice/follow-ups", this::list);
    }

    private void list(Context ctx) {
        Caller caller = Caller.of(ctx);
        // The filter's and the page's bad parameters are named together in one 422.
        List<FieldError> errors = new ArrayList<>();
        FollowUpFilter filter = null;
        PageRequest page = null;
        try {
            filter = FollowUpFilter.from(ctx::queryParam);
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
        ctx.json(followUps.list(caller.workspaceId(), filter, page));
    }
}
