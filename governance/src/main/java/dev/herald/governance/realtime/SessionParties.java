package dev.herald.governance.realtime;

import org.jdbi.v3.core.Handle;

/**
 * Who takes part in a session as another feature knows it: the voice platform that runs it and
 * the agent that speaks (Ratify identity). Realtime asks when it tells the outside world about the
 * session (the {@code session.ended} and {@code session.failed} callbacks go to the platform's
 * endpoint). A read in the caller's transaction; thread-safe implementations.
 */
@FunctionalInterface
public interface SessionParties {
    /** Nobody known: a session started without a platform or a Ratify proof. */
    SessionParties NONE = (h, sessionId) -> Parties.NONE;

    Parties of(Handle h, String sessionId);

    /** The platform and agent of a session; either may be null. */
    record Parties(String platformId, String agentId) {
        public static final Parties NONE = new Parties(null, null);
    }
}
