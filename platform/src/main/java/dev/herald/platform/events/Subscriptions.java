package dev.herald.platform.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's subscriptions by channel, and the fan-out of one event to them. Fanning out only
 * offers to bounded queues, so it never blocks, whoever calls it (the listening connection's
 * thread, or a committing writer on SQLite). Thread-safe.
 */
final class Subscriptions {
    private final Map<String, Set<Subscription>> byChannel = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    Subscription add(String channel, int capacity, boolean merging, Subscriber subscriber) {
        Subscription s = new Subscription(Event.requireChannel(channel), capacity, merging, subscriber, this);
        byChannel.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(s);
        if (stopped) {
            s.drop(DropReason.STOPPED);
        }
        return s;
    }

    void remove(Subscription s) {
        byChannel.computeIfPresent(s.channel(), (c, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    void deliver(Event event) {
        Set<Subscription> set = byChannel.get(event.channel());
        if (set != null) {
            for (Subscription s : set) {
                s.offer(event);
            }
        }
    }

    /** Every subscriber is told that events may have been missed. */
    void gap() {
        all().forEach(Subscription::gap);
    }

    /** Drops every subscription ({@link DropReason#STOPPED}) and refuses new ones the same way. */
    void stop() {
        stopped = true;
        all().forEach(s -> s.drop(DropReason.STOPPED));
    }

    private List<Subscription> all() {
        return byChannel.values().stream().flatMap(Set::stream).toList();
    }
}
