package dev.herald.governance.policy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.auth.ProjectScope;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;

/**
 * {@code /v1/policies}: create ({@link NewPolicy}), list, read, read a version, add a version
 * ({@link NewPolicyVersion}), deactivate. Workspace admin keys name the project with
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
        router.get("/v1/policies/{policy_id}", ctx -> ctx.json(policies.get(project(ctx), ctx.pathParam("policy_id"))));
        router.get("/v1/policies/{policy_id}/versions/{version}", this::version);
        router.post("/v1/policies/{policy_id}/versions", this::addVersion);
        router.post("/v1/policies/{policy_id}/deactivate", this::deactivate);
    }

    /** A page of policies; unlike other lists, {@code next_cursor} is empty (not null) on the last page. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PolicyList(List<Policy> data, boolean hasMore, String nextCursor) {
        static PolicyList of(Page<Policy> page) {
            return new PolicyList(page.data(), page.hasMore(), page.nextCursor() == null ? "" : page.nextCursor());
        }
    }

    private String project(Context ctx) {
        return scope.projectId(Caller.of(ctx), ctx.queryParam("project"), "project");
    }

    private void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        NewPolicy body = json.read(ctx, NewPolicy.class);
        idempotency.respond(ctx, caller,
                () -> Idempotency.Outcome.created(policies.create(caller.workspaceId(), project, body)));
    }

    private void list(Context ctx) {
        ctx.json(PolicyList.of(policies.list(project(ctx), PageRequest.from(ctx))));
    }

    private void version(Context ctx) {
        int v;
        try {
            v = Integer.parseInt(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            throw new Invalid("version", "must be an integer");
        }
        ctx.json(policies.version(project(ctx), ctx.pathParam("policy_id"), v));
    }

    private void addVersion(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        NewPolicyVersion body = json.read(ctx, NewPolicyVersion.class);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(
                policies.addVersion(project, ctx.pathParam("policy_id"), body)));
    }

    private void deactivate(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                policies.deactivate(project, ctx.pathParam("policy_id"))));
    }
}
