package dev.herald.voice.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of {@code voice_retention_policies} and {@code voice_retention_runs}. Thread-safe. */
final class RetentionStore {
    private static final String RUN_COLUMNS = "id, workspace_id, kind, cutoff, deleted_count, deleted_ids, error, ran_at";
    private final Database db;
    private final ObjectMapper mapper;

    RetentionStore(Database db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    Optional<RetentionPolicy> policy(String workspaceId) {
        return db.read(h -> h.createQuery("SELECT workspace_id, recordings_days, transcripts_days, updated_at "
                        + "FROM voice_retention_policies WHERE workspace_id = :ws").bind("ws", workspaceId)
                .map((rs, ctx) -> policy(rs)).findOne());
    }

    /** Policies that limit something, for the sweeper. */
    List<RetentionPolicy> limitingPolicies() {
        return db.read(h -> h.createQuery("SELECT workspace_id, recordings_days, transcripts_days, updated_at "
                        + "FROM voice_retention_policies WHERE recordings_days IS NOT NULL OR transcripts_days IS NOT NULL "
                        + "ORDER BY workspace_id")
                .map((rs, ctx) -> policy(rs)).list());
    }

    /**
     * Writes the workspace's policy in one statement (insert or replace); {@code ON CONFLICT} is
     * the same on SQLite and PostgreSQL, so two first writes racing cannot collide.
     */
    void put(RetentionPolicy p, String updatedBy) {
        db.write(h -> h.createUpdate("INSERT INTO voice_retention_policies (workspace_id, recordings_days, "
                        + "transcripts_days, updated_at, updated_by) VALUES (:ws, :r, :t, :at, :by) "
                        + "ON CONFLICT (workspace_id) DO UPDATE SET recordings_days = excluded.recordings_days, "
                        + "transcripts_days = excluded.transcripts_days, updated_at = excluded.updated_at, "
                        + "updated_by = excluded.updated_by")
                .bind("r", p.recordingsDays()).bind("t", p.transcriptsDays()).bind("at", p.updatedAt().toEpochMilli())
                .bind("by", updatedBy).bind("ws", p.workspaceId()).execute());
    }

    void insertRun(RetentionRun run) {
        String ids;
        try {
            ids = run.deletedIds() == null ? null : mapper.writeValueAsString(run.deletedIds());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        db.write(h -> h.createUpdate("INSERT INTO voice_retention_runs (" + RUN_COLUMNS + ") VALUES (:id, :ws, :kind, "
                        + ":cutoff, :count, :ids, :error, :at)")
                .bind("id", run.id()).bind("ws", run.workspaceId()).bind("kind", run.kind())
                .bind("cutoff", run.cutoff().toEpochMilli()).bind("count", run.deletedCount()).bind("ids", ids)
                .bind("error", run.error()).bind("at", run.ranAt().toEpochMilli()).execute());
    }

    /** The workspace's runs, newest first, after (older than) {@code beforeId} when given. */
    List<RetentionRun> runs(String workspaceId, String kind, String beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM voice_retention_runs WHERE workspace_id = :ws");
        if (kind != null) {
            sql.append(" AND kind = :kind");
        }
        if (beforeId != null) {
            sql.append(" AND id < :before");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        return db.read(h -> {
            var q = h.createQuery(sql.toString()).bind("ws", workspaceId).bind("limit", limit);
            if (kind != null) {
                q.bind("kind", kind);
            }
            if (beforeId != null) {
                q.bind("before", beforeId);
            }
            return q.map((rs, ctx) -> run(rs)).list();
        });
    }

    private static RetentionPolicy policy(ResultSet rs) throws SQLException {
        return new RetentionPolicy(rs.getString("workspace_id"), nullableInt(rs, "recordings_days"),
                nullableInt(rs, "transcripts_days"), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private RetentionRun run(ResultSet rs) throws SQLException {
        String ids = rs.getString("deleted_ids");
        List<String> deleted;
        try {
            deleted = ids == null ? null : mapper.readValue(ids, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("voice_retention_runs.deleted_ids is not a JSON array", e);
        }
        return new RetentionRun(rs.getString("id"), rs.getString("workspace_id"), rs.getString("kind"),
                Instant.ofEpochMilli(rs.getLong("cutoff")), rs.getInt("deleted_count"), deleted, rs.getString("error"),
                Instant.ofEpochMilli(rs.getLong("ran_at")));
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
