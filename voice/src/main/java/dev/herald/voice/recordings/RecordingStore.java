package dev.herald.voice.recordings;

import dev.herald.platform.store.Database;
import java.io.ByteArrayOutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL of {@code voice_recordings}, {@code voice_recording_chunks} and {@code voice_recording_keys}.
 * Audio is read only by {@link #audio} (from its parts, or from the bytes column of rows written
 * before parts); every other query leaves it alone. Thread-safe.
 */
final class RecordingStore {
    private static final String COLUMNS = "id, workspace_id, call_id, status, reason, content_type, size, duration_ms, "
            + "sha256, created_at, deleted_at, deleted_reason";

    private final Database db;

    RecordingStore(Database db) {
        this.db = db;
    }

    /** The most audio one part holds: the most WAL one commit of a recording adds (see V47_1). */
    static final int PART_BYTES = 64 * 1024;

    /**
     * Writes {@code audio} as parts under {@code audioKey}, each part in a transaction of its own,
     * so that no commit of the live calls waits behind a whole recording's WAL. Nothing names the
     * parts until a row does ({@link #insert}, {@link #complete}); parts left unnamed are dropped
     * by {@link #dropUnnamedAudio}.
     */
    void writeAudio(String audioKey, byte[] audio, Instant now) {
        for (int part = 0, from = 0; from < audio.length; part++, from += PART_BYTES) {
            byte[] bytes = Arrays.copyOfRange(audio, from, Math.min(audio.length, from + PART_BYTES));
            int n = part;
            db.write(h -> h.createUpdate("INSERT INTO voice_recording_chunks (audio_key, part, bytes, created_at) "
                            + "VALUES (:k, :part, :bytes, :at)")
                    .bind("k", audioKey).bind("part", n).bind("bytes", bytes).bind("at", now.toEpochMilli()).execute());
        }
    }

    /** Drops the parts under {@code audioKey} (a recording another node kept first). */
    void dropAudio(String audioKey) {
        db.write(h -> h.createUpdate("DELETE FROM voice_recording_chunks WHERE audio_key = :k").bind("k", audioKey)
                .execute());
    }

    /**
     * Drops the parts that no recording names and that were written before {@code before} (a node
     * stopped between writing them and its row). Answers how many recordings' parts were dropped.
     */
    int dropUnnamedAudio(Instant before, int limit) {
        return db.write(h -> {
            List<String> keys = h.createQuery("SELECT c.audio_key FROM voice_recording_chunks c WHERE c.part = 0 "
                            + "AND c.created_at < :before AND NOT EXISTS (SELECT 1 FROM voice_recordings r "
                            + "WHERE r.audio_key = c.audio_key) ORDER BY c.created_at LIMIT :limit")
                    .bind("before", before.toEpochMilli()).bind("limit", limit).mapTo(String.class).list();
            for (String key : keys) {
                h.createUpdate("DELETE FROM voice_recording_chunks WHERE audio_key = :k").bind("k", key).execute();
            }
            return keys.size();
        });
    }

    /**
     * Inserts a row unless the call has one already (then nothing changes); {@code audioKey} names
     * its audio's parts ({@link #writeAudio}), null for a call that was not recorded. Answers whether
     * this row was inserted.
     */
    boolean insert(Recording r, String audioKey) {
        return db.write(h -> h.createUpdate("INSERT INTO voice_recordings (" + COLUMNS + ", audio_key) VALUES (:id, :ws, "
                        + ":call, :status, :reason, :type, :size, :duration, :sha, :created, NULL, NULL, :audio) "
                        + "ON CONFLICT (workspace_id, call_id) DO NOTHING")
                .bind("id", r.id()).bind("ws", r.workspaceId()).bind("call", r.callId()).bind("status", r.status())
                .bind("reason", r.reason()).bind("type", r.contentType()).bind("size", r.sizeBytes())
                .bind("duration", r.durationMs()).bind("sha", r.sha256()).bind("created", r.createdAt().toEpochMilli())
                .bind("audio", audioKey).execute() == 1);
    }

    /**
     * Fills the call's {@link Recording#RENDERING} row with what the rendering gave ({@code r}'s
     * status, reason and audio parts; the row keeps its id and time). False when the row is not
     * rendering any more (another node finished it first).
     */
    boolean complete(Recording r, String audioKey) {
        return db.write(h -> h.createUpdate("UPDATE voice_recordings SET status = :status, reason = :reason, "
                        + "content_type = :type, size = :size, duration_ms = :duration, sha256 = :sha, audio_key = :audio "
                        + "WHERE workspace_id = :ws AND call_id = :call AND status = :rendering")
                .bind("status", r.status()).bind("reason", r.reason()).bind("type", r.contentType())
                .bind("size", r.sizeBytes()).bind("duration", r.durationMs()).bind("sha", r.sha256())
                .bind("audio", audioKey).bind("ws", r.workspaceId()).bind("call", r.callId())
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
        return db.read(h -> {
            record Row(Recording recording, byte[] bytes, String audioKey) {
            }
            Optional<Row> row = h.createQuery("SELECT " + COLUMNS + ", bytes, audio_key FROM voice_recordings WHERE id = :id")
                    .bind("id", id).map((rs, ctx) -> new Row(row(rs, ctx), rs.getBytes("bytes"), rs.getString("audio_key")))
                    .findOne();
            return row.map(r -> new Stored(r.recording(), r.audioKey() == null ? r.bytes() : parts(h, r.audioKey())));
        });
    }

    /** The audio kept in parts under {@code audioKey}, put back together. */
    private static byte[] parts(Handle h, String audioKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.createQuery("SELECT bytes FROM voice_recording_chunks WHERE audio_key = :k ORDER BY part")
                .bind("k", audioKey).map((rs, ctx) -> rs.getBytes("bytes")).forEach(out::writeBytes);
        return out.toByteArray();
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
                h.createUpdate("DELETE FROM voice_recording_chunks WHERE audio_key = "
                        + "(SELECT audio_key FROM voice_recordings WHERE id = :id)").bind("id", id).execute();
                h.createUpdate("UPDATE voice_recordings SET bytes = NULL, audio_key = NULL, status = :deleted, "
                                + "deleted_at = :now, deleted_reason = :reason WHERE id = :id AND status = :stored")
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
