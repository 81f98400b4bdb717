package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.policy.Decision;
import org.jdbi.v3.core.Handle;

/**
 * A hook that takes part in every session start (for example: verify a Ratify proof presented in
 * the body). Hooks are given to {@link SessionService}'s constructor and fixed for its life.
 *
 * <p>Contract: {@link #check} runs in the start transaction before anything is written, adds at
 * least one step to the trace ({@code trace.fail(...)} denies the start: 403, nothing is written)
 * and returns this start's {@link Admission}: what it learned, which realtime hands back to the
 * later steps of the same start (state never travels through the hook object itself). Throwing
 * rolls the whole start back. Implementations must be thread-safe.
 */
public interface StartAuthorization {
    Admission check(Handle h, StartRequest request, Decision.Builder trace);

    /**
     * Replaces, in the copy of the answer that is stored for replays, the members its admission
     * added that must not rest in the database in clear (a bearer token) with sealed ones.
     */
    default void sealStored(String sessionId, ObjectNode stored) {
    }

    /** Undoes {@link #sealStored} on a stored answer before it is replayed, in place (member order kept). */
    default void openStored(String sessionId, ObjectNode stored) {
    }

    /** What {@link #check} decided for one start, taken through the rest of it. */
    interface Admission {
        /**
         * In the start transaction, once the session row and its first chain entry exist: may
         * append chain entries and add members to the stored permit through {@code session}, and
         * write the hook's own rows. Throwing rolls the whole start back.
         */
        default void created(Handle h, StartedSession session) {
        }

        /** Adds members of its own to the start answer (stored with it, so a replay shows them too). */
        default void decorate(ObjectNode body) {
        }

        /** Told after a denied start rolled back, outside any transaction (for example to report the denial). */
        default void denied(Decision decision) {
        }
    }

    /** An admission that adds nothing. */
    Admission NOTHING = new Admission() {
    };
}
