package dev.herald.server.console;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Access;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.voice.campaigns.Campaign;
import dev.herald.voice.campaigns.CampaignService;
import dev.herald.voice.campaigns.LeadResult;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;

/**
 * {@code /console/campaigns} (the list with progress) and {@code /console/campaigns/{id}} (progress by
 * state, per-lead results, and pause / resume / cancel as CSRF-checked form posts; a refused change,
 * such as resuming a cancelled campaign, is said inside the panel). A repeated post asks for the
 * same state again and is refused the same way, so nothing changes twice.
 */
public final class CampaignPages implements Feature {
    private final CampaignService campaigns;
    private final ConsoleAccess access;
    private final Templates templates;

    public CampaignPages(CampaignService campaigns, ConsoleAccess access, Templates templates) {
        this.campaigns = campaigns;
        this.access = access;
        this.templates = templates;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/console/campaigns", access.page(this::list), Access.PUBLIC);
        router.get("/console/campaigns/{campaign_id}", access.page(this::campaign), Access.PUBLIC);
        for (String action : List.of("pause", "resume", "cancel")) {
            router.post("/console/campaigns/{campaign_id}/" + action,
                    access.form((ctx, session) -> change(ctx, session, action)), Access.PUBLIC);
        }
    }

    private void list(Context ctx, ConsoleSession session) {
        Chrome chrome = new Chrome("Campaigns", "campaigns", session);
        PageRequest page;
        try {
            page = PageRequest.from(ctx);
        } catch (Invalid e) {
            templates.send(ctx, 422, "campaigns/list.jte", new CampaignListView(chrome, List.of(), null, e.errors()));
            return;
        }
        Page<Campaign> found = campaigns.list(session.workspaceId(), page);
        String next = found.hasMore() ? "/console/campaigns?cursor=" + found.nextCursor() : null;
        templates.send(ctx, 200, "campaigns/list.jte", new CampaignListView(chrome, found.data(), next, List.<FieldError>of()));
    }

    private void campaign(Context ctx, ConsoleSession session) {
        templates.send(ctx, 200, "campaigns/page.jte", view(ctx, session, ctx.pathParam("campaign_id"), null));
    }

    private void change(Context ctx, ConsoleSession session, String action) {
        String id = ctx.pathParam("campaign_id");
        String ws = session.workspaceId();
        String error = null;
        try {
            switch (action) {
                case "pause" -> campaigns.pause(ws, id);
                case "resume" -> campaigns.resume(ws, id);
                default -> campaigns.cancel(ws, id);
            }
        } catch (Conflict e) {
            error = e.getMessage();
        }
        if (ctx.header("HX-Request") == null && error == null) {
            ctx.redirect("/console/campaigns/" + id, HttpStatus.SEE_OTHER);
            return;
        }
        templates.send(ctx, error == null ? 200 : 409, "campaigns/page.jte", view(ctx, session, id, error));
    }

    private CampaignPageView view(Context ctx, ConsoleSession session, String id, String error) {
        Campaign campaign = campaigns.get(session.workspaceId(), id);
        PageRequest page = PageRequest.from(ctx);
        Page<LeadResult> results = campaigns.results(session.workspaceId(), id, page);
        String next = results.hasMore() ? "/console/campaigns/" + id + "?cursor=" + results.nextCursor() : null;
        return new CampaignPageView(new Chrome("Campaign " + campaign.name(), "campaigns", session), campaign,
                results.data(), next, error);
    }
}
