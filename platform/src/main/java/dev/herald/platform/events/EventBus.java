package dev.herald.platform.events;

import dev.herald.platform.Worker;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Dialect;
import org.jdbi.v3.core.Handle;

/**
 * Publish/subscribe of small {@link Event}s between the nodes of one database. An event published
 * in a transaction reaches subscribers only once that transaction commits, and never when it
 * rolls back, so a subscriber that reads the database on an event always finds the change it
 * announces. On PostgreSQL every node on the database receives it (the publisher included), through
 * {@code LISTEN/NOTIFY}; on SQLite, a one-node store, subscribers in this process receive it.
 *
 * <p>Delivery is best effort and at most once per listening node: an event published while a
 * node's listening connection is down is not replayed (the node's subscribers are told
 * {@link Subscriber#onGap} once it is back), and a subscriber that falls behind is dropped. So
 * an event only says "look now"; whoever needs every change also looks on a timer or re-reads
 * after a gap, as the webhook dispatcher does.
 *
 * <p>Publishing never waits for subscribers. Thread-safe. As a {@link Worker}: PostgreSQL
 * subscribers receive events from {@link #start} to {@link #stop}; SQLite subscribers from
 * creation to {@link #stop}. {@link #stop} drops every subscription ({@link DropReason#STOPPED}).
 */
public sealed interface EventBus extends Worker permits InProcessEventBus, PostgresEventBus {
    /** Queue length of a subscription made without one: ample for a subscriber that only wakes something. */
    int DEFAULT_CAPACITY = 256;

    /** The bus for {@code db}'s dialect (not yet started). */
    static EventBus on(Database db) {
        return db.dialect() == Dialect.POSTGRESQL ? new PostgresEventBus(db) : new InProcessEventBus();
    }

    /**
     * Publishes {@code message} on {@code channel} as part of the transaction of {@code h}: delivered
     * after it commits, never if it rolls back. A handle outside a transaction publishes at once.
     *
     * @throws IllegalArgumentException when the channel or message is not valid for an {@link Event}
     */
    void publish(Handle h, String channel, String message);

    /** Subscribes with a queue of {@link #DEFAULT_CAPACITY} events. */
    default Subscription subscribe(String channel, Subscriber subscriber) {
        return subscribe(channel, DEFAULT_CAPACITY, subscriber);
    }

    /**
     * Subscribes to events published on {@code channel} from now on.
     *
     * @param capacity how many events may wait for the subscriber before it is dropped as slow
     */
    Subscription subscribe(String channel, int capacity, Subscriber subscriber);

    /**
     * Subscribes a subscriber that only needs to know <em>that</em> something happened on
     * {@code channel}, and then reads the database (a dispatcher waking up, a stream catching up).
     * At most one event waits for it: one that arrives while another waits is merged into it, so
     * the subscriber may see fewer events than were published, but never misses that one was, and
     * is never dropped as slow ({@link DropReason#STOPPED} still ends it).
     */
    Subscription subscribeWakeUps(String channel, Subscriber subscriber);
}
