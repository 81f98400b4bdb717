package dev.herald.voice.calls;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Clock;

/**
 * {@code GET /api/v1/voice/metrics?from=&to=&group_by=day|profile|campaign|direction&time_zone=}:
 * the workspace's call metrics over a range of creation times. Days are counted in
 * {@code time_zone} (an IANA name; the workspace's own zone when absent).
 */
public final class CallMetricsRoutes implements Feature {
    private final CallMetrics metrics;
    private final Clock clock;
    private final CallWorkspace workspace;

    public CallMetricsRoutes(CallMetrics metrics, Clock clock, CallWorkspace workspace) {
        this.metrics = metrics;
        this.clock = clock;
        this.workspace = workspace;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/api/v1/voice/metrics", this::report);
    }

    private void report(Context ctx) {
        Caller caller = Caller.of(ctx);
        MetricsQuery query = MetricsQuery.from(ctx::queryParam, clock.instant(),
                workspace.zone(caller.workspaceId()));
        ctx.json(metrics.report(caller.workspaceId(), query));
    }
}
