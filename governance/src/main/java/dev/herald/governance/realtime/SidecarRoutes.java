package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.auth.ProjectScope;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.FieldCheck;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Map;

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

    /** {@code POST /v1/sidecar-keys}; the service checks each member. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyRegistration(String keyId, String algorithm, String publicKey) {
    }

    /** {@code PUT/PATCH /v1/project-settings}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SettingsChange(String atomSignatures) {
    }

    private void register(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        KeyRegistration body = json.read(ctx, KeyRegistration.class);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(keys.register(caller.workspaceId(), project,
                body.keyId(), body.algorithm(), body.publicKey()).toJson()));
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
        SettingsChange body = json.read(ctx, SettingsChange.class);
        new FieldCheck().required("atom_signatures", body.atomSignatures()).throwIfAny();
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                settings.setAtomSignatures(caller.workspaceId(), project, body.atomSignatures())));
    }
}
