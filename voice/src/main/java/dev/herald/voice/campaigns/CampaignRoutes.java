package dev.herald.voice.campaigns;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.PageRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/**
 * Outbound campaigns under {@code /api/v1/voice/campaigns}: create ({@code run_voice_qualifier}),
 * list, read with progress, pause / resume / cancel, and per-lead results ({@code get_call_results}).
 * Any key of the workspace except a voice platform's may use them.
 */
public final class CampaignRoutes implements Feature {
    static final String BASE = "/api/v1/voice/campaigns";
    private final CampaignService campaigns;
    private final JsonBody json;
    private final Idempotency idempotency;

    public CampaignRoutes(CampaignService campaigns, JsonBody json, Idempotency idempotency) {
        this.campaigns = campaigns;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post(BASE, this::create);
        router.get(BASE, this::list);
        router.get(BASE + "/{campaign_id}", this::get);
        router.post(BASE + "/{campaign_id}/pause", ctx -> change(ctx, "pause"));
        router.post(BASE + "/{campaign_id}/resume", ctx -> change(ctx, "resume"));
        router.post(BASE + "/{campaign_id}/cancel", ctx -> change(ctx, "cancel"));
        router.get(BASE + "/{campaign_id}/results", this::results);
    }

    private void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        CreateCampaign body = json.read(ctx, CreateCampaign.class);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(campaigns.create(caller.workspaceId(), body)));
    }

    private void list(Context ctx) {
        ctx.json(campaigns.list(Caller.of(ctx).workspaceId(), PageRequest.from(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(campaigns.get(Caller.of(ctx).workspaceId(), ctx.pathParam("campaign_id")));
    }

    private void change(Context ctx, String what) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("campaign_id");
        String ws = caller.workspaceId();
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200, switch (what) {
            case "pause" -> campaigns.pause(ws, id);
            case "resume" -> campaigns.resume(ws, id);
            default -> campaigns.cancel(ws, id);
        }));
    }

    private void results(Context ctx) {
        ctx.json(campaigns.results(Caller.of(ctx).workspaceId(), ctx.pathParam("campaign_id"), PageRequest.from(ctx)));
    }
}
