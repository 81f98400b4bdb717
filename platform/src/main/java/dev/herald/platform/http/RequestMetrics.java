package dev.herald.platform.http;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Times every request as {@code http.server.requests} (Prometheus: {@code http_server_requests_seconds})
 * tagged by method, route template (never the raw path, to keep cardinality bounded) and status,
 * with cumulative buckets at the latencies service levels are stated in (a turn decision within
 * 5 ms, for example), so a dashboard can show the share of requests within each.
 */
public final class RequestMetrics {
    private static final String START = "herald.request.start";
    private static final Duration[] SERVICE_LEVELS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500)
            .map(Duration::ofMillis).toArray(Duration[]::new);
    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void register(JavalinDefaultRouting router) {
        router.before(ctx -> ctx.attribute(START, System.nanoTime()));
        router.after(this::record);
    }

    private void record(Context ctx) {
        Long start = ctx.attribute(START);
        if (start == null) {
            return;
        }
        Timer.builder("http.server.requests")
                .description("HTTP requests by route template and status")
                .tag("method", ctx.method().name())
                .tag("route", routeOf(ctx))
                .tag("status", String.valueOf(ctx.statusCode()))
                .serviceLevelObjectives(SERVICE_LEVELS)
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private static String routeOf(Context ctx) {
        String route;
        try {
            route = ctx.endpointHandlerPath();
        } catch (RuntimeException e) {
            route = null;
        }
        // Javalin reports a sentence (not a path) when no endpoint matched; keep one bounded label.
        return route == null || !route.startsWith("/") ? "unmatched" : route;
    }
}
