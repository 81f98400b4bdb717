package dev.herald.voice.workspace;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Dialect;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reads and replaces a workspace's {@link WorkspaceSettings}, and gives the call placer the
 * live-call limit under a lock: on PostgreSQL the settings row is locked for the placing
 * transaction, so two nodes placing calls of one workspace count its live calls one after the
 * other and never both take the last free line. (SQLite has one writer at a time already.)
 */
public final class WorkspaceSettingsService {
    private static final String COLUMNS =
            "SELECT workspace_id, time_zone, max_concurrent_calls, updated_at FROM voice_workspace_settings ";

    private final Database db;
    private final Clock clock;

    public WorkspaceSettingsService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The body of {@code PUT /api/v1/voice/settings}; a member left out takes its default. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Change(String timeZone, Integer maxConcurrentCalls) {
    }

    public WorkspaceSettings get(String workspaceId) {
        return db.read(h -> find(h, workspaceId, false)).orElse(WorkspaceSettings.defaults(workspaceId));
    }

    /** The zone the workspace counts its days in. */
    public ZoneId zone(String workspaceId) {
        return ZoneId.of(get(workspaceId).timeZone());
    }

    /** Replaces the settings; Invalid naming each bad field. */
    public WorkspaceSettings set(String workspaceId, Change change, String keyId) {
        FieldCheck check = new FieldCheck();
        String zone = change.timeZone() == null ? WorkspaceSettings.DEFAULT_TIME_ZONE : change.timeZone();
        try {
            zone = ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            check.fail("time_zone", "must be an IANA time zone such as Europe/Berlin or UTC");
        }
        int limit = change.maxConcurrentCalls() == null ? WorkspaceSettings.DEFAULT_MAX_CONCURRENT_CALLS
                : change.maxConcurrentCalls();
        if (limit < 1 || limit > WorkspaceSettings.MAX_CONCURRENT_CALLS) {
            check.fail("max_concurrent_calls", "must be an integer from 1 to " + WorkspaceSettings.MAX_CONCURRENT_CALLS);
        }
        check.throwIfAny();
        long now = clock.millis();
        String chosenZone = zone;
        db.write(h -> h.createUpdate("""
                        INSERT INTO voice_workspace_settings (workspace_id, time_zone, max_concurrent_calls, updated_at, updated_by)
                        VALUES (:ws, :zone, :limit, :now, :key)
                        ON CONFLICT (workspace_id) DO UPDATE SET time_zone = :zone, max_concurrent_calls = :limit,
                            updated_at = :now, updated_by = :key""")
                .bind("ws", workspaceId).bind("zone", chosenZone).bind("limit", limit).bind("now", now)
                .bind("key", keyId).execute());
        return new WorkspaceSettings(workspaceId, chosenZone, limit, Instant.ofEpochMilli(now));
    }

    /**
     * The workspace's live-call limit, read inside the caller's write transaction {@code h} and, on
     * PostgreSQL, with the settings row locked until that transaction ends.
     */
    public int lockLiveCallLimit(Handle h, String workspaceId) {
        Optional<WorkspaceSettings> found = find(h, workspaceId, true);
        if (found.isEmpty()) {
            h.createUpdate("""
                            INSERT INTO voice_workspace_settings (workspace_id, time_zone, max_concurrent_calls)
                            VALUES (:ws, :zone, :limit) ON CONFLICT (workspace_id) DO NOTHING""")
                    .bind("ws", workspaceId).bind("zone", WorkspaceSettings.DEFAULT_TIME_ZONE)
                    .bind("limit", WorkspaceSettings.DEFAULT_MAX_CONCURRENT_CALLS).execute();
            found = find(h, workspaceId, true);
        }
        return found.orElseThrow().maxConcurrentCalls();
    }

    private Optional<WorkspaceSettings> find(Handle h, String workspaceId, boolean lock) {
        String forUpdate = lock && db.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
        return h.createQuery(COLUMNS + "WHERE workspace_id = :ws" + forUpdate).bind("ws", workspaceId)
                .map((rs, ctx) -> {
                    long updated = rs.getLong("updated_at");
                    Instant updatedAt = rs.wasNull() ? null : Instant.ofEpochMilli(updated);
                    return new WorkspaceSettings(rs.getString("workspace_id"), rs.getString("time_zone"),
                            rs.getInt("max_concurrent_calls"), updatedAt);
                })
                .findOne();
    }
}
