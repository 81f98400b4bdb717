package dev.herald.voice.followups;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.http.FilteredPage;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

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
        FilteredPage<FollowUpFilter> query = FilteredPage.from(ctx, FollowUpFilter::from);
        ctx.json(followUps.list(caller.workspaceId(), query.filter(), query.page()));
    }
}
