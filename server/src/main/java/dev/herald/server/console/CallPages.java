package dev.herald.server.console;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Access;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.events.StreamEvent;
import dev.herald.platform.http.FilteredPage;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.voice.VoiceModule;
import dev.herald.voice.calls.CallBrief;
import dev.herald.voice.calls.CallFilter;
import dev.herald.voice.calls.CallView;
import dev.herald.voice.core.call.CallOutcome;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calls: {@code /console/calls}, a filtered, cursor-paged list (htmx replaces only the table when
 * the filter changes or a page is turned), {@code /console/calls/{id}}, one call with its timeline,
 * verdict and recording, and {@code /console/calls/{id}/events}, the call's live stream for the page
 * (the API's stream, authorized by the session cookie, since a browser's EventSource cannot send a
 * bearer key), each event rendered as the HTML the page swaps in.
 */
public final class CallPages implements Feature {
    static final String SIMULATED = "simulated";
    static final int PAGE_SIZE = 25;
    private static final Set<String> LIVE = Set.of("queued", "dialling", "in_progress");
    private static final Set<String> STATUS_EVENTS = Set.of("call.queued", "call.dialling", "call.answered",
            "call.ended");
    private static final Set<String> FINAL_EVENTS = Set.of("call.verdict", "call.refused");

    private final VoiceModule voice;
    private final CallTimeline timeline;
    private final ConsoleAccess access;
    private final Templates templates;

    public CallPages(VoiceModule voice, CallTimeline timeline, ConsoleAccess access, Templates templates) {
        this.voice = voice;
        this.timeline = timeline;
        this.access = access;
        this.templates = templates;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/console/calls", access.page(this::list), Access.PUBLIC);
        router.get("/console/calls/{call_id}", access.page(this::call), Access.PUBLIC);
        router.get("/console/calls/{call_id}/events", access.page(this::events), Access.PUBLIC);
    }

    private void list(Context ctx, ConsoleSession session) {
        ZoneId zone = voice.settings().zone(session.workspaceId());
        CallListView.Form form = new CallListView.Form(param(ctx, "outcome"), param(ctx, "direction"),
                param(ctx, "campaign_id"), param(ctx, "from"), param(ctx, "to"));
        List<FieldError> errors = new ArrayList<>();
        Instant from = day(form.from(), zone, "from", errors);
        Instant to = day(form.to(), zone, "to", errors);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("outcome", form.outcome());
        query.put("direction", form.direction());
        query.put("campaign_id", form.campaignId());
        // A "to" day is inclusive on the page: the range ends where the next day starts.
        query.put("from", from == null ? null : from.toString());
        query.put("to", to == null ? null : to.toString());
        CallFilter filter = null;
        PageRequest page = null;
        try {
            FilteredPage<CallFilter> read = FilteredPage.from(ctx, query::get, CallFilter::from);
            filter = read.filter();
            page = read.page();
        } catch (Invalid e) {
            errors.addAll(e.errors());
        }
        List<CallBrief> calls = List.of();
        String next = null;
        if (errors.isEmpty()) {
            PageRequest sized = new PageRequest(ctx.queryParam("limit") == null ? PAGE_SIZE : page.limit(), page.after());
            Page<CallBrief> found = voice.callQueries().list(session.workspaceId(), filter, sized);
            calls = found.data();
            next = found.hasMore() ? "/console/calls?" + encode(form) + "cursor=" + found.nextCursor() : null;
        }
        CallListView view = new CallListView(new Chrome("Calls", "calls", session), zone, form, calls, next,
                errors, Arrays.stream(CallOutcome.values()).map(CallOutcome::wire).toList(), CallFilter.DIRECTIONS);
        // htmx asks for the table alone; a browser without it (or a reload) gets the whole page.
        boolean fragment = "calls".equals(ctx.header("HX-Target"));
        templates.send(ctx, errors.isEmpty() ? 200 : 422, fragment ? "calls/table.jte" : "calls/list.jte", view);
    }

    private void call(Context ctx, ConsoleSession session) {
        templates.send(ctx, 200, "calls/page.jte", view(session, ctx.pathParam("call_id")));
    }

    /** The call's page model as it stands now (NotFound for a call the workspace does not have). */
    CallPageView view(ConsoleSession session, String callId) {
        CallView call = voice.callQueries().get(session.workspaceId(), callId);
        ZoneId zone = voice.settings().zone(session.workspaceId());
        boolean live = LIVE.contains(call.status());
        boolean purged = call.transcriptPurgedAt() != null;
        // A live call's lines all come from its stream (which starts from the first event): none are listed twice.
        List<TimelineEntry> lines = live ? List.of() : timeline.stored(call.id(), !purged);
        return new CallPageView(new Chrome("Call " + call.id(), "calls", session), call, zone, live, lines,
                VerdictView.of(call.verdict()), "/console/calls/" + call.id() + "/events", purged);
    }

    private void events(Context ctx, ConsoleSession session) {
        String callId = ctx.pathParam("call_id");
        voice.callStream().serve(ctx, session.workspaceId(), callId, e -> render(session, callId, e));
    }

    /**
     * The HTML the page swaps in for one event (same id and type, so resuming and the stream's end
     * work as on the API): a timeline line, the new status, or, for the last event, the whole call
     * as it ended (which also closes the page's stream). Other events carry no data.
     */
    private StreamEvent render(ConsoleSession session, String callId, StreamEvent e) {
        String type = e.type() == null ? "" : e.type();
        String html;
        if (FINAL_EVENTS.contains(type)) {
            html = templates.render("calls/body.jte", view(session, callId));
        } else if (STATUS_EVENTS.contains(type)) {
            html = templates.render("calls/status.jte", timeline.data(e).path("status").asText(type));
        } else {
            html = timeline.entry(e).map(t -> templates.render("calls/entry.jte", t)).orElse("");
        }
        return new StreamEvent(e.id(), e.type(), html);
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The start of a local day {@code yyyy-mm-dd} ("to": of the day after it), or null when none. */
    private static Instant day(String value, ZoneId zone, String field, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value);
            return (field.equals("to") ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "must be a date like 2026-01-31"));
            return null;
        }
    }

    /** The filter as query parameters for the next page's link, each followed by {@code &}. */
    private static String encode(CallListView.Form f) {
        StringBuilder b = new StringBuilder();
        append(b, "outcome", f.outcome());
        append(b, "direction", f.direction());
        append(b, "campaign_id", f.campaignId());
        append(b, "from", f.from());
        append(b, "to", f.to());
        return b.toString();
    }

    private static void append(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
        }
    }
}
