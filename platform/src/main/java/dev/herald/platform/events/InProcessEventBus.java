package dev.herald.platform.events;

import org.jdbi.v3.core.Handle;

/**
 * The bus of a SQLite store, which one process serves: an event is handed to this process's
 * subscribers right after the publishing transaction commits (Jdbi's after-commit callback, run
 * by the committing thread, which only offers it to bounded queues). Thread-safe.
 */
final class InProcessEventBus implements EventBus {
    private final Subscriptions subscriptions = new Subscriptions();

    @Override
    public String name() {
        return "event-bus";
    }

    @Override
    public void start() {
        // Nothing to connect: delivery works from creation.
    }

    @Override
    public void stop() {
        subscriptions.stop();
    }

    @Override
    public void publish(Handle h, String channel, String message) {
        Event event = new Event(channel, message);
        if (h.isInTransaction()) {
            h.afterCommit(() -> subscriptions.deliver(event));
        } else {
            subscriptions.deliver(event);
        }
    }

    @Override
    public Subscription subscribe(String channel, int capacity, Subscriber subscriber) {
        return subscriptions.add(channel, capacity, false, subscriber);
    }

    @Override
    public Subscription subscribeWakeUps(String channel, Subscriber subscriber) {
        return subscriptions.add(channel, 1, true, subscriber);
    }
}
