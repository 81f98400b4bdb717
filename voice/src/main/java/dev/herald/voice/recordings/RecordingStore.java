package dev.herald.voice.recordings;

import dev.herald.platform.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL of {@code voice_recordings} and {@code voice_recording_keys}. Audio is read only by
 * {@link #audio}; every other query leaves the bytes column alone. Thread-safe.
 */
final class RecordingStore {
    private static final String COLUMNS = "id, workspace_id, call_id, status, reason, content_type, size, duration_ms, "
            + "sha256, created_at, deleted_at, deleted_reason";

    private final Database db;

    RecordingStore(Database db) {
        this.db = db;
    }

    /**
     * Inserts a row unless the call has one already (then nothing changes); {@code audio} is null
     * for a call that was not recorded. Answers whether this row was inserted.
     */
    boolean insert(Recording r, byte[] audio) {
        return db.write(h -> h.createUpdate("INSERT INTO voice_recordings (" + COLUMNS + ", bytes) VALUES (:id, :ws, :call, "
                        + ":status, :reason, :type, :size, :duration, :sha, :created, NULL, NULL, :bytes) "
                        + "ON CONFLICT (workspace_id, call_id) DO NOTHING")
                .bind("id", r.id()).bind("ws", r.workspaceId()).bind("call", r.callId()).bind("status", r.status())
                .bind("reason", r.reason()).bind("type", r.contentType()).bind("size", r.sizeBytes())
                .bind("duration", r.durationMs()).bind("sha", r.sha256()).bind("created", r.createdAt().toEpochMilli())
                .bind("bytes", audio).execute() == 1);
    }

    /**
     * Fills the call's {@link Recording#RENDERING} row with what the rendering gave ({@code r}'s
     * status, reason and audio; the row keeps its id and time). False when the row is not rendering
     * any more (another node finished it first).
     */
    boolean complete(Recording r, byte[] audio) {
        return db.write(h -> h.createUpdate("UPDATE voice_recordings SET status = :status, reason = :reason, "
                        + "content_type = :type, size = :size, duration_ms = :duration, sha256 = :sha, bytes = :bytes "
                        + "WHERE workspace_id = :ws AND call_id = :call AND status = :rendering")
                .bind("status", r.status()).bind("reason", r.reason()).bind("type", r.contentType())
                .bind("size", r.sizeBytes()).bind("duration", r.durationMs()).bind("sha", r.sha256())
                .bind("bytes", audio).bind("ws", r.workspaceId()).bind("call", r.callId())
                .bind("rendering", Recording.RENDERING).execute() == 1);
    }

    /** Rows still rendering that were made before {@code before}, oldest first, at most {@code limit}. */
    List<Recording> renderingBefore(Instant before, int limit) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM voice_recordings WHERE status = :rendering "
                        + "AND created_at < :before ORDER BY created_at, id LIMIT :limit")
                .bind("rendering", Recording.RENDERING).bind("before", before.toEpochMilli()).bind("limit", limit)
                .map(RecordingStore::row).list());
    }

    Optional<Recording> byId(String workspaceId, String id) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM voice_recordings WHERE workspace_id = :ws AND id = :id")
                .bind("ws", workspaceId).bind("id", id).map(RecordingStore::row).findOne());
    }

    Optional<Recording> byCall(String workspaceId, String callId) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM voice_recordings WHERE workspace_id = :ws "
                        + "AND call_id = :call").bind("ws", workspaceId).bind("call", callId)
                .map(RecordingStore::row).findOne());
    }

    /** A row with its audio, found by id alone (a signed link names no workspace). */
    Optional<Stored> audio(String id) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + ", bytes FROM voice_recordings WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> new Stored(row(rs, ctx), rs.getBytes("bytes"))).findOne());
    }

    record Stored(Recording recording, byte[] audio) {
    }

    /**
     * Drops the audio of the workspace's stored recordings made before {@code cutoff}, in one
     * transaction: the rows stay, marked deleted with {@code reason}. Returns their ids, oldest first.
     */
    List<String> deleteAudioBefore(String workspaceId, Instant cutoff, Instant now, String reason) {
        return db.write(h -> {
            List<String> ids = h.createQuery("SELECT id FROM voice_recordings WHERE workspace_id = :ws AND status = :stored "
                            + "AND created_at < :cutoff ORDER BY created_at, id")
                    .bind("ws", workspaceId).bind("stored", Recording.STORED).bind("cutoff", cutoff.toEpochMilli())
                    .mapTo(String.class).list();
            for (String id : ids) {
                h.createUpdate("UPDATE voice_recordings SET bytes = NULL, status = :deleted, deleted_at = :now, "
                                + "deleted_reason = :reason WHERE id = :id AND status = :stored")
                        .bind("deleted", Recording.DELETED).bind("now", now.toEpochMilli()).bind("reason", reason)
                        .bind("id", id).bind("stored", Recording.STORED).execute();
            }
            return ids;
        });
    }

    /** The sealed URL-signing key, if one was made. */
    Optional<String> sealedKey(String keyId) {
        return db.read(h -> h.createQuery("SELECT sealed_key FROM voice_recording_keys WHERE id = :id")
                .bind("id", keyId).mapTo(String.class).findOne());
    }

    /** Keeps {@code sealed} unless a key of that id exists already; either way answers the key now stored. */
    String insertKeyIfAbsent(String keyId, String sealed, Instant now) {
        db.write(h -> h.createUpdate("INSERT INTO voice_recording_keys (id, sealed_key, created_at) VALUES (:id, :k, :at) "
                        + "ON CONFLICT (id) DO NOTHING")
                .bind("id", keyId).bind("k", sealed).bind("at", now.toEpochMilli()).execute());
        return sealedKey(keyId).orElseThrow();
    }

    private static Recording row(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Recording(rs.getString("id"), rs.getString("workspace_id"), rs.getString("call_id"),
                rs.getString("status"), rs.getString("reason"), rs.getString("content_type"), nullableLong(rs, "size"),
                nullableLong(rs, "duration_ms"), rs.getString("sha256"), Instant.ofEpochMilli(rs.getLong("created_at")),
                instant(rs, "deleted_at"), rs.getString("deleted_reason"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Long v = nullableLong(rs, column);
        return v == null ? null : Instant.ofEpochMilli(v);
    }
}
