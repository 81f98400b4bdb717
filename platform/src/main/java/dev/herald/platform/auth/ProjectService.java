package dev.herald.platform.auth;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Projects, always scoped to the caller's workspace: another workspace's project is "not found".
 * Thread-safe.
 */
public final class ProjectService {
    private static final RowMapper<Project> MAPPER = (rs, c) -> new Project(rs.getString("id"),
            rs.getString("workspace_id"), rs.getString("name"), rs.getLong("created_at"));
    private static final String COLUMNS = "SELECT id, workspace_id, name, created_at FROM projects ";

    private final Database db;
    private final Ids ids;
    private final Clock clock;

    public ProjectService(Database db, Ids ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Resolves a project by id or by name within the caller's workspace. A project key resolves
     * only its own project. Anything else is 404, whether it exists elsewhere or not at all.
     *
     * @param field name of the request field or path parameter, used in the 404 detail
     */
    public Project resolve(Caller caller, String idOrName, String field) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new Invalid(field, "is required");
        }
        Optional<Project> found = db.read(h -> find(h, caller.workspaceId(), idOrName));
        return found.filter(p -> caller.projectId() == null || caller.projectId().equals(p.id()))
                .orElseThrow(() -> new NotFound("project '" + idOrName + "' not found"));
    }

    /** Creates a project in the caller's workspace; 409 when the name is taken. */
    public Project create(Caller caller, String name) {
        new FieldCheck().name("name", name).throwIfAny();
        if (Ids.looksLikeId(name)) {
            throw new Invalid("name", "must not look like an id");
        }
        try {
            return db.write(h -> insert(h, caller.workspaceId(), name));
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw new Conflict("a project named '" + name + "' already exists in this workspace");
            }
            throw e;
        }
    }

    /** The projects the caller sees: every project of the workspace for an admin key, else the key's own. */
    public Page<Project> list(Caller caller, PageRequest page) {
        var rows = db.read(h -> h.createQuery(COLUMNS + "WHERE workspace_id = :w AND id > :after"
                        + (caller.projectId() == null ? "" : " AND id = :p") + " ORDER BY id LIMIT :n")
                .bind("w", caller.workspaceId()).bind("after", page.afterOrEmpty()).bind("p", caller.projectId())
                .bind("n", page.fetchSize())
                .map(MAPPER).list());
        return Page.of(rows, page, Project::id);
    }

    /** The project {@code name} in {@code workspaceId}, created when missing (operator and bootstrap path). */
    public Project findOrCreate(String workspaceId, String name) {
        return db.write(h -> findByName(h, workspaceId, name).orElseGet(() -> insert(h, workspaceId, name)));
    }

    private Project insert(Handle h, String workspaceId, String name) {
        Project p = new Project(ids.next("prj"), workspaceId, name, clock.millis());
        h.createUpdate("INSERT INTO projects (id, workspace_id, name, created_at) VALUES (:id, :workspaceId, :name, :createdAt)")
                .bindMethods(p).execute();
        return p;
    }

    private static Optional<Project> find(Handle h, String workspaceId, String idOrName) {
        Optional<Project> byId = h.createQuery(COLUMNS + "WHERE workspace_id = :w AND id = :v")
                .bind("w", workspaceId).bind("v", idOrName).map(MAPPER).findOne();
        return byId.isPresent() ? byId : findByName(h, workspaceId, idOrName);
    }

    private static Optional<Project> findByName(Handle h, String workspaceId, String name) {
        return h.createQuery(COLUMNS + "WHERE workspace_id = :w AND name = :v")
                .bind("w", workspaceId).bind("v", name).map(MAPPER).findOne();
    }
}
