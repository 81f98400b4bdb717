package dev.herald.platform.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.PageRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET /v1/me}, {@code POST|GET /v1/projects}, {@code GET /v1/projects/{project}} (id or
 * name) and {@code POST /v1/api-keys} (admin creates a project key, shown once).
 */
public final class AuthRoutes implements Feature {
    private final WorkspaceService workspaces;
    private final ProjectService projects;
    private final ApiKeyService keys;
    private final JsonBody json;
    private final Idempotency idempotency;

    public AuthRoutes(WorkspaceService workspaces, ProjectService projects, ApiKeyService keys,
                      JsonBody json, Idempotency idempotency) {
        this.workspaces = workspaces;
        this.projects = projects;
        this.keys = keys;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/v1/me", this::me);
        router.post("/v1/projects", this::createProject);
        router.get("/v1/projects", this::listProjects);
        router.get("/v1/projects/{project}", this::getProject);
        router.post("/v1/api-keys", this::createKey);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Me(Workspace workspace, Project project, String keyId, List<String> scopes) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateProjectRequest(String name) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateKeyRequest(String project, String name) {
    }

    /** {@code key} is present only in the first answer; replays carry {@code null}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyCreated(String id, String workspaceId, String projectId, List<String> scopes, String key) {
    }

    private void me(Context ctx) {
        Caller caller = Caller.of(ctx);
        Project project = caller.projectId() == null ? null : projects.resolve(caller, caller.projectId(), "project");
        ctx.json(new Me(workspaces.get(caller.workspaceId()), project, caller.keyId(),
                List.copyOf(new TreeSet<>(caller.scopes()))));
    }

    private void createProject(Context ctx) {
        Caller caller = Caller.of(ctx);
        CreateProjectRequest body = json.read(ctx, CreateProjectRequest.class);
        idempotency.respond(ctx, caller,
                () -> Idempotency.Outcome.created(projects.create(caller, body.name())));
    }

    private void listProjects(Context ctx) {
        Caller caller = Caller.of(ctx);
        ctx.json(projects.list(caller, PageRequest.from(ctx)));
    }

    private void getProject(Context ctx) {
        ctx.json(projects.resolve(Caller.of(ctx), ctx.pathParam("project"), "project"));
    }

    private void createKey(Context ctx) {
        Caller caller = Caller.of(ctx);
        CreateKeyRequest body = json.read(ctx, CreateKeyRequest.class);
        FieldCheck check = new FieldCheck().required("project", body.project());
        if (body.name() != null) {
            check.name("name", body.name());
        }
        check.throwIfAny();
        idempotency.respond(ctx, caller, () -> {
            Project project = projects.resolve(caller, body.project(), "project");
            IssuedKey issued = keys.issueForProject(project, body.name());
            List<String> scopes = List.copyOf(new TreeSet<>(issued.scopes()));
            KeyCreated shown = new KeyCreated(issued.id(), issued.workspaceId(), issued.projectId(), scopes,
                    issued.secret().reveal());
            KeyCreated kept = new KeyCreated(issued.id(), issued.workspaceId(), issued.projectId(), scopes, null);
            return new Idempotency.Outcome(201, shown, kept);
        });
    }
}
