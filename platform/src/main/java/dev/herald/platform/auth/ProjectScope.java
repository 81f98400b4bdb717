package dev.herald.platform.auth;

import dev.herald.platform.domain.Invalid;

/**
 * Which project a project-scoped request works in: a project key's own project, or for a
 * workspace admin key the project named in the request ({@code project} query parameter or a body
 * field). Naming a project the caller cannot see is a 404, as for any other tenant's object.
 */
public final class ProjectScope {
    private final ProjectService projects;

    public ProjectScope(ProjectService projects) {
        this.projects = projects;
    }

    /**
     * @param hint  the project id or name given in the request, or null
     * @param field where the hint came from, for the error message
     */
    public String projectId(Caller caller, String hint, String field) {
        if (hint == null || hint.isBlank()) {
            if (caller.projectId() != null) {
                return caller.projectId();
            }
            throw new Invalid(field,
                    "is required with a workspace admin key (name the project)");
        }
        if (caller.projectId() != null && caller.projectId().equals(hint)) {
            return hint;
        }
        return projects.resolve(caller, hint, field).id();
    }
}
