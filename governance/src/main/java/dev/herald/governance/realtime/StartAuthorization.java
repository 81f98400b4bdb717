package dev.herald.governance.realtime;

import dev.herald.governance.attest.SessionLedger;
import dev.herald.governance.policy.Decision;
import org.jdbi.v3.core.Handle;

/**
 * A hook another feature registers with {@link SessionService#register} to take part in every
 * session start (for example: verify a Ratify proof presented in the body). Both methods run
 * inside the start transaction, on the start's handle.
 *
 * <p>Contract: {@link #check} adds at least one step to the trace; calling {@code trace.fail(...)}
 * denies the start (403, nothing is written). {@link #onCreated} runs after the session row and
 * its first chain entry exist and may append further entries with
 * {@code ledger.append(cursor, eventType, attributes, payload)}; throwing rolls the whole start back.
 * Implementations must be thread-safe.
 */
public interface StartAuthorization {
    void check(Handle h, StartRequest request, Decision.Builder trace);

    default void onCreated(Handle h, StartRequest request, String sessionId, SessionLedger ledger,
                           SessionLedger.Cursor cursor) {
    }

    /** Adds members of its own to the start answer (stored with it, so a replay shows them too). */
    default void decorate(Handle h, StartRequest request, String sessionId, com.fasterxml.jackson.databind.node.ObjectNode body) {
    }

    /**
     * Replaces, in the copy of the answer that is stored for replays, the members it added that
     * must not rest in the database in clear (a bearer token) with sealed ones.
     */
    default void sealStored(String sessionId, com.fasterxml.jackson.databind.node.ObjectNode stored) {
    }

    /** Undoes {@link #sealStored} on a stored answer before it is replayed, in place (member order kept). */
    default void openStored(String sessionId, com.fasterxml.jackson.databind.node.ObjectNode stored) {
    }

    /** Told after a denied start rolled back (outside any transaction), e.g. to report the denial. */
    default void onDenied(StartRequest request, dev.herald.governance.policy.Decision decision) {
    }
}
