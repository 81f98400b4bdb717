package dev.herald.server.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Access;
import dev.herald.platform.http.PageRequest;
import dev.herald.voice.VoiceModule;
import dev.herald.voice.calls.CallBrief;
import dev.herald.voice.calls.CallFilter;
import dev.herald.voice.calls.MetricsQuery;
import dev.herald.voice.calls.MetricsReport;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** {@code /console}: the last seven days of calls in the workspace's time zone, and the simulated-provider banner. */
public final class OverviewPage implements Feature {
    static final int DAYS = 7;
    /** How many of the latest calls the banner looks at. */
    static final int RECENT = 100;

    private final VoiceModule voice;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ConsoleAccess access;
    private final Templates templates;

    public OverviewPage(VoiceModule voice, ObjectMapper mapper, Clock clock, ConsoleAccess access, Templates templates) {
        this.voice = voice;
        this.mapper = mapper;
        this.clock = clock;
        this.access = access;
        this.templates = templates;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/console", access.page(this::overview), Access.PUBLIC);
    }

    private void overview(Context ctx, ConsoleSession session) {
        String ws = session.workspaceId();
        ZoneId zone = voice.settings().zone(ws);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = today.minusDays(DAYS - 1);
        MetricsReport report = voice.callMetrics().report(ws, new MetricsQuery(first.atStartOfDay(zone).toInstant(),
                now, MetricsQuery.GroupBy.DAY, zone));
        List<CallBrief> recent = voice.callQueries().list(ws, CallFilter.ALL, new PageRequest(RECENT, null)).data();
        int simulated = (int) recent.stream().filter(c -> CallPages.SIMULATED.equals(c.provider())).count();
        OverviewView view = new OverviewView(new Chrome("Overview", "overview", session), zone.getId(),
                first.toString(), today.toString(), report.totals(), report.groups(), chart(report), recent.size(),
                simulated);
        templates.send(ctx, 200, "overview.jte", view);
    }

    /** The per-day series the chart draws: {@code {days, calls, answered, qualified, meetings}}. */
    private String chart(MetricsReport report) {
        ObjectNode chart = mapper.createObjectNode();
        ArrayNode days = chart.putArray("days");
        ArrayNode calls = chart.putArray("calls");
        ArrayNode answered = chart.putArray("answered");
        ArrayNode qualified = chart.putArray("qualified");
        ArrayNode meetings = chart.putArray("meetings");
        for (MetricsReport.Group g : report.groups()) {
            days.add(g.key());
            calls.add(g.metrics().calls());
            answered.add(g.metrics().answered());
            qualified.add(g.metrics().qualified());
            meetings.add(g.metrics().meetingsBooked());
        }
        try {
            return mapper.writeValueAsString(chart);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
