package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.policy.Decision;
import org.jdbi.v3.core.Handle;

/**
 * A check another feature adds to every turn and action permit (for example the Ratify session
 * token and granted scope). Gates are given to {@link TurnService}'s constructor and fixed for its
 * life. Each runs before the policy engine: {@link #check} in the turn's transaction with the
 * session row locked when the turn may write ({@link #mayWrite}), otherwise on a read of the row
 * that the save is then guarded on; {@link #checkFromKnown} on the row this node last committed.
 * A failed step denies. A check returns what realtime must do once the decision is saved, so no
 * state travels from the check to later steps through the gate. Thread-safe implementations.
 */
public interface TurnGate {
    /** What is being decided: a turn (which may carry a tool call) or a tool call on its own. */
    enum Occasion { TURN, ACTION_PERMIT }

    /**
     * @param body the request body (a gate may read members of its own, for example a turn proof)
     * @param call the tool call being decided, or null
     */
    Followup check(Handle h, String sessionId, ObjectNode body, ToolCall call, Occasion occasion,
                   Decision.Builder trace);

    /**
     * False when {@link #check} only reads for this session and this request {@code body} (it may
     * still return a {@link Followup}, which realtime then carries out under the row lock), so the
     * turn may be decided without a transaction and saved guarded on the chain position it was read
     * at (see {@link TurnService#turn}). True, the safe answer, when unsure.
     */
    default boolean mayWrite(String sessionId, ObjectNode body) {
        return true;
    }

    /**
     * {@link #check} for a plain turn decided from the session row this node last committed, with
     * no lock and no read (see {@link TurnService#turn}). A gate may decide from what it last read
     * instead of reading again, and name in its followup ({@link Followup#holding}) the condition
     * that what it assumed must still meet when the turn is saved; the save then writes nothing
     * unless the condition holds, and the turn is decided again through {@link #check}. The
     * default is {@link #check}.
     */
    default Followup checkFromKnown(Handle h, String sessionId, ObjectNode body, ToolCall call, Occasion occasion,
                                    Decision.Builder trace) {
        return check(h, sessionId, body, call, occasion, trace);
    }

    /**
     * What realtime does with the decision: with {@code failSessionIfDenied} set, a denied decision
     * also fails the session with that reason, in the same transaction; with {@code holds} set (only
     * from {@link #checkFromKnown}), the decision is saved only where that condition is true.
     */
    record Followup(String failSessionIfDenied, SaveCondition holds) {
        public static final Followup NONE = new Followup(null, null);

        public static Followup failSessionIfDenied(String reason) {
            return new Followup(reason, null);
        }

        public static Followup holding(SaveCondition condition) {
            return new Followup(null, condition);
        }
    }
}
