package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.auth.ProjectScope;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Sidecar keys ({@code /v1/sidecar-keys}: register, list, retire) and the project's realtime
 * settings ({@code /v1/project-settings}: read, set {@code atom_signatures}). Admin keys name the
 * project with {@code ?project=}.
 */
public final class SidecarRoutes implements Feature {
    private final SidecarKeyService keys;
    private final ProjectSettings settings;
    private final ProjectScope scope;
    private final JsonBody json;
    private final Idempotency idempotency;

    public SidecarRoutes(SidecarKeyService keys, ProjectSettings settings, ProjectScope scope, JsonBody json,
                         Idempotency idempotency) {
        this.keys = keys;
        this.settings = settings;
        this.scope = scope;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post("/v1/sidecar-keys", this::register);
        router.get("/v1/sidecar-keys", ctx -> ctx.json(new KeyList(
                keys.list(project(ctx)).stream().map(KeyView::of).toList())));
        router.post("/v1/sidecar-keys/{key_id}/retire", this::retire);
        router.get("/v1/project-settings", ctx -> ctx.json(settings.get(project(ctx))));
        router.put("/v1/project-settings", this::set);
        router.patch("/v1/project-settings", this::set);
    }

    /** A sidecar key as the API shows it: the key prefixed with its algorithm, times as instants. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyView(String keyId, String projectId, String algorithm, String publicKey, String status,
                   Instant createdAt, Instant retiredAt) {
        static KeyView of(SidecarKey k) {
            return new KeyView(k.keyId(), k.projectId(), k.algorithm().wire(),
                    k.algorithm().wire() + ":" + Base64.getEncoder().encodeToString(k.rawView()),
                    k.active() ? "active" : "retired", Instant.ofEpochMilli(k.createdAt()),
                    k.retiredAt() == null ? null : Instant.ofEpochMilli(k.retiredAt()));
        }
    }

    record KeyList(List<KeyView> data) {
    }

    private String project(Context ctx) {
        return scope.projectId(Caller.of(ctx), ctx.queryParam("project"), "project");
    }

    private void register(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        NewSidecarKey body = json.read(ctx, NewSidecarKey.class);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(
                KeyView.of(keys.register(caller.workspaceId(), project, body))));
    }

    private void retire(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                KeyView.of(keys.retire(project, ctx.pathParam("key_id")))));
    }

    private void set(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        ProjectSettings.Change body = json.read(ctx, ProjectSettings.Change.class);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                settings.change(caller.workspaceId(), project, body)));
    }
}
