package dev.herald.voice.retention;

import dev.herald.platform.store.Database;
import java.time.Clock;
import java.time.Instant;

/**
 * Test-only rows in {@code voice_calls} and {@code voice_call_events} (owned by the calls package),
 * and a {@link TranscriptPurger} over them that keeps the port's contract: the transcript and the
 * utterance events of calls that ended before the cutoff are removed, the call row stays, marked
 * purged. The lead wires the calls package's own implementation in VoiceModule.
 */
final class TestCalls implements TranscriptPurger {
    private final Database db;
    private final Clock clock;

    TestCalls(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** An ended outbound call with a transcript and two utterance events, linked to a session. */
    void insertEnded(String workspaceId, String callId, Instant endedAt, String transcriptJson, String sessionId,
                     String projectId, String chainHead) {
        long at = endedAt.toEpochMilli();
        db.write(h -> {
            h.createUpdate("INSERT INTO voice_calls (id, workspace_id, direction, status, provider, profile_id, "
                            + "profile_version, objective, outcome, transcript, session_id, project_id, chain_head_hash, "
                            + "created_at, answered_at, ended_at, updated_at) VALUES (:id, :ws, 'outbound', 'ended', "
                            + "'simulated', 'vpr_test', 1, 'qualify_for_demo', 'qualified', :t, :s, :p, :head, :c, :a, :e, :e)")
                    .bind("id", callId).bind("ws", workspaceId).bind("t", transcriptJson).bind("s", sessionId)
                    .bind("p", projectId).bind("head", chainHead).bind("c", at - 60_000).bind("a", at - 55_000)
                    .bind("e", at).execute();
            for (int seq = 1; seq <= 2; seq++) {
                h.createUpdate("INSERT INTO voice_call_events (call_id, seq, workspace_id, type, data, created_at) "
                                + "VALUES (:c, :s, :ws, 'utterance.final', '{\"text\":\"words\"}', :at)")
                        .bind("c", callId).bind("s", seq).bind("ws", workspaceId).bind("at", at - 1_000 + seq).execute();
            }
            return null;
        });
    }

    String transcript(String callId) {
        return db.read(h -> h.createQuery("SELECT transcript FROM voice_calls WHERE id = :id").bind("id", callId)
                .mapTo(String.class).one());
    }

    Long purgedAt(String callId) {
        return db.read(h -> h.createQuery("SELECT transcript_purged_at FROM voice_calls WHERE id = :id").bind("id", callId)
                .mapTo(Long.class).one());
    }

    String sessionOf(String callId) {
        return db.read(h -> h.createQuery("SELECT session_id FROM voice_calls WHERE id = :id").bind("id", callId)
                .mapTo(String.class).one());
    }

    int utterances(String callId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM voice_call_events WHERE call_id = :id AND type = "
                + "'utterance.final'").bind("id", callId).mapTo(Integer.class).one());
    }

    @Override
    public int purge(String workspaceId, Instant endedBefore) {
        long now = clock.millis();
        return db.write(h -> {
            var ids = h.createQuery("SELECT id FROM voice_calls WHERE workspace_id = :ws AND ended_at < :before "
                            + "AND transcript_purged_at IS NULL").bind("ws", workspaceId)
                    .bind("before", endedBefore.toEpochMilli()).mapTo(String.class).list();
            for (String id : ids) {
                h.createUpdate("UPDATE voice_calls SET transcript = NULL, transcript_purged_at = :now, updated_at = :now "
                        + "WHERE id = :id").bind("now", now).bind("id", id).execute();
                h.createUpdate("DELETE FROM voice_call_events WHERE call_id = :id AND type IN "
                        + "('utterance.partial', 'utterance.final')").bind("id", id).execute();
            }
            return ids.size();
        });
    }
}
