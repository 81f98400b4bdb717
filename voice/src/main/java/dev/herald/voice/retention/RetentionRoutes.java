package dev.herald.voice.retention;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.PageRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;

/**
 * {@code GET /api/v1/voice/retention} (project keys), {@code PUT /api/v1/voice/retention} (admin),
 * {@code GET /api/v1/voice/retention/runs[?kind=]} (project keys, newest first) and
 * {@code POST /api/v1/voice/retention/runs} (admin: sweep the workspace now).
 */
public final class RetentionRoutes implements Feature {
    private final RetentionService retention;
    private final JsonBody json;
    private final Idempotency idempotency;

    public RetentionRoutes(RetentionService retention, JsonBody json, Idempotency idempotency) {
        this.retention = retention;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/api/v1/voice/retention", this::get);
        router.put("/api/v1/voice/retention", this::put);
        router.get("/api/v1/voice/retention/runs", this::runs);
        router.post("/api/v1/voice/retention/runs", this::sweepNow);
    }

    /** What a sweep asked for over HTTP did: the runs it recorded (none when the policy keeps everything). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Swept(List<RetentionRun> runs) {
    }

    private void get(Context ctx) {
        ctx.json(retention.policy(Caller.of(ctx).workspaceId()));
    }

    private void put(Context ctx) {
        Caller caller = Caller.of(ctx);
        RetentionService.Change body = json.read(ctx, RetentionService.Change.class);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                retention.set(caller.workspaceId(), body, caller.keyId())));
    }

    private void runs(Context ctx) {
        ctx.json(retention.runs(Caller.of(ctx).workspaceId(), ctx.queryParam("kind"), PageRequest.from(ctx)));
    }

    private void sweepNow(Context ctx) {
        Caller caller = Caller.of(ctx);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(201,
                new Swept(retention.sweep(caller.workspaceId()))));
    }
}
