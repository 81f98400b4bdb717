package dev.herald.governance.realtime;

import org.jdbi.v3.core.Handle;

/**
 * A hook told, inside the transaction that closes a session, that it ended or failed: after its
 * terminal chain entry is saved and its row closed, before the commit (for example: the project
 * ledger appends the entry that seals the session's chain head). It writes only its own tables
 * and makes no network call; throwing rolls the close back. Thread-safe implementations.
 */
@FunctionalInterface
public interface SessionClosing {
    void closing(Handle h, Closed session);

    /**
     * A session being closed: its terminal event type ({@code voice.session.ended} or
     * {@code voice.session.failed}), its final chain head, its failure reason (null when ended).
     */
    record Closed(String sessionId, String workspaceId, String projectId, String status, String eventType,
                  String headHash, String failureReason, int turnCount) {
    }
}
