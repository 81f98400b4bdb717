package dev.herald.governance.realtime;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.auth.ProjectScope;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.JsonFields;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Map;
import java.util.Set;

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
        router.get("/v1/sidecar-keys", ctx -> ctx.json(Map.of("data",
                keys.list(project(ctx)).stream().map(SidecarKey::toJson).toList())));
        router.post("/v1/sidecar-keys/{key_id}/retire", this::retire);
        router.get("/v1/project-settings", ctx -> ctx.json(settings.get(project(ctx))));
        router.put("/v1/project-settings", this::set);
        router.patch("/v1/project-settings", this::set);
    }

    private String project(Context ctx) {
        return scope.projectId(Caller.of(ctx), ctx.queryParam("project"), "project");
    }

    private void register(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        JsonFields body = JsonFields.body(ctx, json).only(Set.of("key_id", "algorithm", "public_key"));
        String keyId = body.optionalString("key_id");
        String algorithm = body.optionalString("algorithm");
        String publicKey = body.optionalString("public_key");
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(
                keys.register(caller.workspaceId(), project, keyId, algorithm, publicKey).toJson()));
    }

    private void retire(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                keys.retire(project, ctx.pathParam("key_id")).toJson()));
    }

    private void set(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        JsonFields body = JsonFields.body(ctx, json).only(Set.of("atom_signatures"));
        String mode = body.string("atom_signatures");
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                settings.setAtomSignatures(caller.workspaceId(), project, mode)));
    }
}
