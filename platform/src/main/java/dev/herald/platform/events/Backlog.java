package dev.herald.platform.events;

import java.util.List;

/**
 * A stream's events as its route stores them: the events after {@code lastEventId}, oldest first,
 * at most {@code limit}. {@code lastEventId} is null for a client that did not say where it
 * stopped (the route decides where such a client starts: the beginning, or only what comes next).
 * May throw a domain exception for an id the route does not know (before the stream starts that
 * becomes the route's problem+json answer). Called on the stream's own thread, never in a
 * transaction of the caller's.
 */
@FunctionalInterface
public interface Backlog {
    List<StreamEvent> after(String lastEventId, int limit);
}
