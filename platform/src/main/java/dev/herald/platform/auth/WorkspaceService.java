package dev.herald.platform.auth;

import dev.herald.platform.domain.NotFound;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Workspaces. Thread-safe. */
public final class WorkspaceService {
    private final Database db;
    private final Ids ids;
    private final Clock clock;

    public WorkspaceService(Database db, Ids ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    public Workspace get(String id) {
        return db.read(h -> find(h, "id", id)).orElseThrow(() -> new NotFound("workspace not found"));
    }

    public Optional<Workspace> findByName(String name) {
        return db.read(h -> find(h, "name", name));
    }

    /** The workspace called {@code name}, created when missing (operator and bootstrap path). */
    public Workspace findOrCreate(String name) {
        return db.write(h -> find(h, "name", name).orElseGet(() -> {
            Workspace w = new Workspace(ids.next("ws"), name, clock.millis());
            h.createUpdate("INSERT INTO workspaces (id, name, created_at) VALUES (:id, :name, :createdAt)")
                    .bindMethods(w).execute();
            return w;
        }));
    }

    private static Optional<Workspace> find(Handle h, String column, String value) {
        return h.createQuery("SELECT id, name, created_at FROM workspaces WHERE " + column + " = :v")
                .bind("v", value)
                .map((rs, c) -> new Workspace(rs.getString("id"), rs.getString("name"), rs.getLong("created_at")))
                .findOne();
    }
}
