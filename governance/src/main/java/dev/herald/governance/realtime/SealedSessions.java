package dev.herald.governance.realtime;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The read port through which the attestation sees closed sessions: realtime owns the session
 * rows and their chains, and this is all another feature reads of them. Reads only, each in its
 * own short read; thread-safe.
 */
public interface SealedSessions {
    /**
     * The evidence of an ended or failed session.
     *
     * @throws dev.herald.platform.domain.NotFound when there is no such session
     * @throws dev.herald.platform.domain.Conflict while the session is active
     */
    SealedSession sealed(String sessionId);

    /**
     * Ids of a project's ended and failed sessions that match {@code selection}, in id order, at
     * most {@code limit}.
     */
    List<String> closedIds(String projectId, Selection selection, int limit);

    /**
     * Which closed sessions: {@code ids} (all when empty), and those whose chain has an entry in
     * {@code [from, to)}. A session's entries all lie between its start and its end; an entry's time
     * is matched as written in the chain (whole seconds, rounded down).
     */
    record Selection(Set<String> ids, Optional<Instant> from, Optional<Instant> to) {
        public Selection {
            ids = Set.copyOf(ids);
        }
    }
}
