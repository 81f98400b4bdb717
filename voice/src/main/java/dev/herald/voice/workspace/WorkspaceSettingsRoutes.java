package dev.herald.voice.workspace;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/** {@code GET /api/v1/voice/settings} (project keys) and {@code PUT /api/v1/voice/settings} (admin). */
public final class WorkspaceSettingsRoutes implements Feature {
    private final WorkspaceSettingsService settings;
    private final JsonBody json;
    private final Idempotency idempotency;

    public WorkspaceSettingsRoutes(WorkspaceSettingsService settings, JsonBody json, Idempotency idempotency) {
        this.settings = settings;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/api/v1/voice/settings", this::get);
        router.put("/api/v1/voice/settings", this::put);
    }

    private void get(Context ctx) {
        ctx.json(settings.get(Caller.of(ctx).workspaceId()));
    }

    private void put(Context ctx) {
        Caller caller = Caller.of(ctx);
        WorkspaceSettingsService.Change body = json.read(ctx, WorkspaceSettingsService.Change.class);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                settings.set(caller.workspaceId(), body, caller.keyId())));
    }
}
