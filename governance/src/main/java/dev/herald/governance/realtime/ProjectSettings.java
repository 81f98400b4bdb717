package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.store.Database;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Per-project realtime settings. {@code atom_signatures}: {@code enforce} (default; unsigned or
 * unverifiable atoms are rejected per atom) or {@code record} (accepted, marked unverified in the
 * chain). Thread-safe.
 */
public final class ProjectSettings {
    public static final String ENFORCE = "enforce";
    public static final String RECORD = "record";

    private final Database db;
    private final Clock clock;

    public ProjectSettings(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public String atomSignatures(Handle h, String projectId) {
        return h.createQuery("SELECT atom_signatures FROM project_settings WHERE project_id = :p").bind("p", projectId)
                .mapTo(String.class).findOne().orElse(ENFORCE);
    }

    /** A project's realtime settings, as the API shows them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Current(String projectId, String atomSignatures) {
    }

    /** A change of the settings: {@code atom_signatures} is {@code enforce} or {@code record}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Change(String atomSignatures) {
    }

    public Current get(String projectId) {
        return new Current(projectId, db.read(h -> atomSignatures(h, projectId)));
    }

    public Current change(String workspaceId, String projectId, Change change) {
        String mode = change.atomSignatures();
        new FieldCheck().required("atom_signatures", mode).throwIfAny();
        if (!ENFORCE.equals(mode) && !RECORD.equals(mode)) {
            throw new Invalid("atom_signatures", "must be 'enforce' or 'record'");
        }
        db.write(h -> {
            int n = h.createUpdate("UPDATE project_settings SET atom_signatures = :m, updated_at = :t WHERE project_id = :p")
                    .bind("m", mode).bind("t", clock.millis()).bind("p", projectId).execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO project_settings (project_id, workspace_id, atom_signatures, updated_at) "
                                + "VALUES (:p, :w, :m, :t)")
                        .bind("p", projectId).bind("w", workspaceId).bind("m", mode).bind("t", clock.millis()).execute();
            }
            return n;
        });
        return get(projectId);
    }
}
