package dev.herald.platform.ops;

import dev.herald.platform.domain.Unavailable;
import dev.herald.platform.Feature;
import dev.herald.platform.store.Database;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * Unauthenticated operational endpoints: {@code /healthz} (the process is up), {@code /readyz}
 * (the database answers a real query and the server is not draining; 503 problem otherwise) and
 * {@code /metrics} (Prometheus text format).
 */
public final class OpsRoutes implements Feature {
    private final Database db;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier draining;

    public OpsRoutes(Database db, PrometheusMeterRegistry registry, BooleanSupplier draining) {
        this.db = db;
        this.registry = registry;
        this.draining = draining;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/healthz", this::health);
        router.get("/readyz", this::ready);
        router.get("/metrics", this::metrics);
    }

    record Health(String status) {
    }

    record Ready(String status, String database) {
    }

    private void health(Context ctx) {
        ctx.json(new Health("ok"));
    }

    private void ready(Context ctx) {
        if (draining.getAsBoolean()) {
            throw new Unavailable("server is shutting down");
        }
        try {
            db.ping();
        } catch (RuntimeException e) {
            throw new Unavailable("database check failed");
        }
        ctx.json(new Ready("ready", db.dialect().folder()));
    }

    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
