package dev.herald.voice.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.events.EventBus;
import dev.herald.platform.store.Dialect;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * The ordered record of what happened on each call ({@code voice_call_events}): lifecycle changes,
 * utterances, turn and tool decisions, the verdict. A call has one writer at a time (the node that
 * runs it), so its next sequence number is read and written in the writer's transaction; the call's
 * row is locked first, because a node that declares the call lost may append while the old writer
 * still does (the loser of that race rolls back, it never takes the same number). Each
 * append wakes the call's live stream and its workspace's stream on every node, after commit.
 */
public final class CallEventLog {
    private final ObjectMapper mapper;
    private final EventBus events;
    private final Clock clock;
    /** PostgreSQL only: SQLite has one writer at a time, so the row lock would only cost a statement. */
    private final boolean lockRow;

    public CallEventLog(ObjectMapper mapper, EventBus events, Clock clock, Dialect dialect) {
        this.mapper = mapper;
        this.events = events;
        this.clock = clock;
        this.lockRow = dialect == Dialect.POSTGRESQL;
    }

    /** The channel that wakes a call's live transcript stream. */
    public static String callChannel(String callId) {
        return "voice.call." + callId;
    }

    /** The channel that wakes a workspace's call lifecycle stream. */
    public static String workspaceChannel(String workspaceId) {
        return "voice.ws." + workspaceId;
    }

    /** Appends one event in the transaction of {@code h}; returns its sequence number. */
    public long append(Handle h, String workspaceId, String callId, CallEventType type, Object data) {
        if (lockRow) { // two appenders of one call take turns; a row lock, not a new version of the row
            h.createQuery("SELECT 1 FROM voice_calls WHERE id = :c FOR NO KEY UPDATE").bind("c", callId)
                    .mapTo(Integer.class).findOne();
        }
        String json;
        try {
            json = mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("call event data is not serializable: " + e.getMessage(), e);
        }
        // Numbered and inserted in one statement, after the lock above (whose wait a statement
        // started before it would not see past: the MAX must be read once the lock is held).
        long seq = h.createQuery("INSERT INTO voice_call_events (call_id, seq, workspace_id, type, data, created_at) "
                        + "SELECT :c, COALESCE(MAX(seq), 0) + 1, :w, :t, :d, :at FROM voice_call_events WHERE call_id = :c "
                        + "RETURNING seq")
                .bind("c", callId).bind("w", workspaceId).bind("t", type.wire())
                .bind("d", json).bind("at", clock.millis()).mapTo(Long.class).one();
        events.publish(h, callChannel(callId), Long.toString(seq));
        if (type.lifecycle()) {
            events.publish(h, workspaceChannel(workspaceId), callId + ":" + seq);
        }
        return seq;
    }
}
