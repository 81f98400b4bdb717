package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What another feature may do to live sessions, inside its own transaction: append evidence to a
 * session's chain (for example a revocation that cuts an agent off), and ask which sessions are
 * still active. Needs nothing but the session rows, so it exists before any hook is built.
 * Thread-safe.
 */
public final class LiveSessions {
    private final SessionStore store;
    private final SessionLedger ledger;

    public LiveSessions(SessionStore store, SessionLedger ledger) {
        this.store = store;
        this.ledger = ledger;
    }

    /**
     * Appends one entry to an active session's chain inside the caller's transaction (or a new
     * one): locks the session, appends, saves. 404 if absent, 409 unless active.
     */
    public void append(Handle h, String projectId, String sessionId, String eventType, ObjectNode attributes,
                       JsonNode payload) {
        SessionLedger.Cursor cursor = store.lockActive(h, projectId, sessionId).cursor();
        ledger.append(cursor, eventType, attributes, payload);
        ledger.save(h, cursor);
    }

    /**
     * Locks the session's row for the rest of the caller's transaction when it is active, so the
     * caller can read its own state about the session and then append, with no turn or close in
     * between. Empty when the session is absent from the project or no longer active.
     */
    public Optional<Held> lockIfActive(Handle h, String projectId, String sessionId) {
        return store.lockIfPresent(h, projectId, sessionId).filter(SessionRow::active)
                .map(row -> new Held(h, row.cursor()));
    }

    /** Which of these sessions are active (one read for up to 500 ids). */
    public Set<String> activeAmong(Handle h, Collection<String> sessionIds) {
        return store.activeAmong(h, sessionIds);
    }

    /** A session locked by {@link #lockIfActive}: each entry appended is saved at once. Valid in that transaction only. */
    public final class Held {
        private final Handle h;
        private final SessionLedger.Cursor cursor;

        private Held(Handle h, SessionLedger.Cursor cursor) {
            this.h = h;
            this.cursor = cursor;
        }

        public String sessionId() {
            return cursor.sessionId();
        }

        public void append(String eventType, ObjectNode attributes, JsonNode payload) {
            ledger.append(cursor, eventType, attributes, payload);
            ledger.save(h, cursor);
        }
    }
}
