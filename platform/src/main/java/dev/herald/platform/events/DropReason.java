package dev.herald.platform.events;

/** Why the bus ended a subscription. */
public enum DropReason {
    /** Its queue was full when an event arrived: the subscriber did not keep up. */
    SLOW,
    /** The bus stopped (the node is shutting down). */
    STOPPED
}
