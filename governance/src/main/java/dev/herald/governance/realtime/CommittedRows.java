package dev.herald.governance.realtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * The control row of each live session as this node last committed it, so that a plain turn can
 * be decided without reading the row first: on PostgreSQL that read is a round trip, about a third
 * of a voice turn's. Only a hint: whoever decides from a kept row saves with the write guarded on
 * its chain position ({@link SessionLedger#saveIfUnmoved}), so a row another node (or a rolled-back
 * write) moved on from only costs a read. A row enters after its transaction commits, never before,
 * and a newer position is never replaced by an older one. Ended and failed sessions are dropped.
 * Thread-safe.
 */
final class CommittedRows {
    /** Far more than one node's live sessions; on reaching it the map starts over (rows are only hints). */
    private static final int LIMIT = 20_000;

    private final Map<String, SessionRow> rows = new ConcurrentHashMap<>();

    /** The row as last committed here, or null when this node has none for the session in that project. */
    SessionRow get(String projectId, String sessionId) {
        SessionRow row = rows.get(sessionId);
        return row != null && row.projectId().equals(projectId) ? row : null;
    }

    /** Keeps {@code row}, as written on {@code h}, once that write commits (at once outside a transaction). */
    void keep(Handle h, SessionRow row) {
        if (!row.active()) {
            rows.remove(row.id());
        } else if (h.isInTransaction()) {
            h.afterCommit(() -> put(row));
        } else {
            put(row);
        }
    }

    /** Forgets the session's row: its state changed in a way the kept row does not show. */
    void forget(String sessionId) {
        rows.remove(sessionId);
    }

    private void put(SessionRow row) {
        if (rows.size() >= LIMIT) {
            rows.clear();
        }
        rows.merge(row.id(), row, (kept, newer) -> newer.nextSeq() >= kept.nextSeq() ? newer : kept);
    }
}
