package dev.herald.platform.events;

/**
 * What a subscription calls. Calls for one subscription are serial, in publication order, on a
 * virtual thread of the bus (never the publisher's thread); different subscriptions run
 * concurrently. A call may block (read the database, write to a client), but while it does the
 * subscription's bounded queue fills, and a subscription whose queue is full when the next event
 * arrives is dropped: publishers never wait for a subscriber.
 */
@FunctionalInterface
public interface Subscriber {
    /** An event was published on the channel (after its transaction committed). */
    void onEvent(Event event);

    /**
     * Events on the channel may have been missed: the node's listening connection was lost and is
     * back. Re-read from the database whatever the events would have announced.
     */
    default void onGap() {
    }

    /**
     * The subscription has ended and gets no more calls. Called once, on a thread of its own
     * (it may run while {@link #onEvent} is still running: that is how a stuck subscriber learns
     * it was dropped). Not called when the subscriber closed the subscription itself.
     */
    default void onDropped(DropReason reason) {
    }
}
