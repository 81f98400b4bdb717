package dev.herald.governance.realtime;

import java.util.List;

/**
 * How other features take part in a session's life, fixed when {@link SessionService} is built:
 * start authorizations (in order), who the session's parties are, what happens in the closing
 * transaction, and who makes the artifact. Immutable.
 */
public record SessionHooks(List<StartAuthorization> starts, SessionParties parties, List<SessionClosing> closings,
                           SessionAttestor attestor) {
    public SessionHooks {
        starts = List.copyOf(starts);
        closings = List.copyOf(closings);
        if (parties == null || attestor == null) {
            throw new IllegalArgumentException("parties and attestor are required (SessionParties.NONE for none)");
        }
    }
}
