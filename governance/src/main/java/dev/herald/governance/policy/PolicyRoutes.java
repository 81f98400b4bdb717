package dev.herald.governance.policy;

import dev.herald.platform.domain.Invalid;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.auth.ProjectScope;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.JsonFields;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/policies}: create ({@code {name, policy_json}}), list, read, read a version, add a
 * version ({@code {policy_json}}), deactivate. Workspace admin keys name the project with
 * {@code ?project=}; project keys work in their own project.
 */
public final class PolicyRoutes implements Feature {
    private final PolicyService policies;
    private final ProjectScope scope;
    private final JsonBody json;
    private final Idempotency idempotency;

    public PolicyRoutes(PolicyService policies, ProjectScope scope, JsonBody json, Idempotency idempotency) {
        this.policies = policies;
        this.scope = scope;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post("/v1/policies", this::create);
        router.get("/v1/policies", this::list);
        router.get("/v1/policies/{policy_id}", ctx -> ctx.json(policies.get(project(ctx), ctx.pathParam("policy_id")).toJson()));
        router.get("/v1/policies/{policy_id}/versions/{version}", this::version);
        router.post("/v1/policies/{policy_id}/versions", this::addVersion);
        router.post("/v1/policies/{policy_id}/deactivate", this::deactivate);
    }

    private String project(Context ctx) {
        return scope.projectId(Caller.of(ctx), ctx.queryParam("project"), "project");
    }

    private void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        JsonFields body = JsonFields.body(ctx, json).only(Set.of("name", "policy_json"));
        String name = body.string("name");
        var doc = body.object("policy_json").node();
        idempotency.respond(ctx, caller,
                () -> Idempotency.Outcome.created(policies.create(caller.workspaceId(), project, name, doc).toJson()));
    }

    private void list(Context ctx) {
        Page<Policy> page = policies.list(project(ctx), PageRequest.from(ctx));
        ctx.json(Map.of("data", page.data().stream().map(Policy::toJson).toList(), "has_more", page.hasMore(),
                "next_cursor", page.nextCursor() == null ? "" : page.nextCursor()));
    }

    private void version(Context ctx) {
        int v;
        try {
            v = Integer.parseInt(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            throw new Invalid("version", "must be an integer");
        }
        ctx.json(policies.version(project(ctx), ctx.pathParam("policy_id"), v).toJson());
    }

    private void addVersion(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        var doc = JsonFields.body(ctx, json).only(Set.of("policy_json")).object("policy_json").node();
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(
                policies.addVersion(project, ctx.pathParam("policy_id"), doc).toJson()));
    }

    private void deactivate(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                policies.deactivate(project, ctx.pathParam("policy_id")).toJson()));
    }
}
