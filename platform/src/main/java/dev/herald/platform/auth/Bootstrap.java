package dev.herald.platform.auth;

import java.util.Optional;

/**
 * Operator paths that write directly to the store: the first-run bootstrap of {@code herald up}
 * and {@code herald keys create}. Creates the workspace and project when missing.
 */
public final class Bootstrap {
    public static final String DEFAULT_WORKSPACE = "default";
    public static final String DEFAULT_PROJECT = "default";

    private final WorkspaceService workspaces;
    private final ProjectService projects;
    private final ApiKeyService keys;

    public Bootstrap(WorkspaceService workspaces, ProjectService projects, ApiKeyService keys) {
        this.workspaces = workspaces;
        this.projects = projects;
        this.keys = keys;
    }

    /** What the first-run bootstrap found or made; {@code adminKey} is empty when one already existed. */
    public record Result(Workspace workspace, Project project, Optional<IssuedKey> adminKey) {
    }

    /** Ensures the default workspace and project exist and mints an admin key if the workspace has none. */
    public Result ensureDefaults() {
        Workspace ws = workspaces.findOrCreate(DEFAULT_WORKSPACE);
        Project project = projects.findOrCreate(ws.id(), DEFAULT_PROJECT);
        Optional<IssuedKey> key = keys.countAdminKeys(ws.id()) == 0
                ? Optional.of(keys.issueAdmin(ws.id(), "bootstrap"))
                : Optional.empty();
        return new Result(ws, project, key);
    }

    /** An admin key for {@code workspace}, or a project key when {@code project} is given. */
    public IssuedKey createKey(String workspace, String project, String name) {
        Workspace ws = workspaces.findOrCreate(workspace);
        if (project == null) {
            return keys.issueAdmin(ws.id(), name);
        }
        return keys.issueForProject(projects.findOrCreate(ws.id(), project), name);
    }
}
