package dev.herald.voice.calendar;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.http.Idempotency;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/**
 * A calendar's secret feed, for calendar apps that cannot send an API key:
 * {@code POST /api/v1/voice/calendars/{id}/feed-token} makes (or replaces) the token and answers
 * the subscribe URL once; {@code DELETE} of it revokes; {@code GET .../feed.ics?token=} is public
 * (the token is the credential) and answers 404 alike for an unknown calendar and a wrong, absent,
 * rotated or revoked token.
 */
public final class CalendarFeedRoutes implements Feature {
    private static final String BASE = "/api/v1/voice/calendars/{id}";
    private final CalendarFeeds feeds;
    private final Idempotency idempotency;

    public CalendarFeedRoutes(CalendarFeeds feeds, Idempotency idempotency) {
        this.feeds = feeds;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post(BASE + "/feed-token", this::rotate);
        router.delete(BASE + "/feed-token", this::revoke);
        router.get(BASE + "/feed.ics", this::feed);
    }

    private void rotate(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        idempotency.respond(ctx, caller, () -> {
            FeedAccess made = feeds.rotate(caller.workspaceId(), id);
            // A replay under the same key answers without the token: it is shown once.
            return new Idempotency.Outcome(200, made, made.withoutSecret());
        });
    }

    private void revoke(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200, feeds.revoke(caller.workspaceId(), id)));
    }

    private void feed(Context ctx) {
        String body = feeds.feed(ctx.pathParam("id"), ctx.queryParam("token"))
                .orElseThrow(() -> new NotFound("no calendar feed at this address"));
        ctx.contentType(Ics.MEDIA_TYPE).header("Content-Disposition", "inline; filename=\"calendar.ics\"")
                .header("Cache-Control", "private, no-cache").result(body);
    }
}
