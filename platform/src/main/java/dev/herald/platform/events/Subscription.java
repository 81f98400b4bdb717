package dev.herald.platform.events;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's place on the bus: a bounded queue of events not yet handed to it and a drain
 * that hands them over one at a time. The drain runs on a virtual thread started when an event
 * arrives at an idle subscription and ending when the queue is empty, so an idle subscription
 * holds no thread. Offering never blocks: when the queue is full the subscription is dropped
 * ({@link DropReason#SLOW}) and its subscriber told so, unless it takes wake-ups
 * ({@link EventBus#subscribeWakeUps}), where the event waiting already stands for the new one.
 * Thread-safe.
 */
public final class Subscription implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Subscription.class);

    private final String channel;
    private final Subscriber subscriber;
    private final int capacity;
    /** Wake-ups: a full queue merges the new event into the waiting one instead of dropping. */
    private final boolean merging;
    private final ArrayBlockingQueue<Event> queue;
    private final Subscriptions owner;
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final AtomicBoolean draining = new AtomicBoolean();
    /** A gap is a flag, not a queued item: several gaps in a row mean one re-read. */
    private final AtomicBoolean gapPending = new AtomicBoolean();

    Subscription(String channel, int capacity, boolean merging, Subscriber subscriber, Subscriptions owner) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a subscription queue holds at least one event");
        }
        this.channel = channel;
        this.subscriber = subscriber;
        this.capacity = capacity;
        this.merging = merging;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.owner = owner;
    }

    public String channel() {
        return channel;
    }

    /** False once the subscription was closed or dropped. */
    public boolean isActive() {
        return active.get();
    }

    /** Ends the subscription; the subscriber gets no further calls (one already running finishes). */
    @Override
    public void close() {
        if (active.compareAndSet(true, false)) {
            queue.clear();
            owner.remove(this);
        }
    }

    /** Queues {@code event}, or drops the subscription when its queue is full. Never blocks. */
    void offer(Event event) {
        if (!active.get()) {
            return;
        }
        if (!queue.offer(event)) {
            if (!merging) {
                drop(DropReason.SLOW);
            }
            return;
        }
        scheduleDrain();
    }

    /** Tells the subscriber, in order with its events, that events may have been missed. */
    void gap() {
        if (active.get() && gapPending.compareAndSet(false, true)) {
            scheduleDrain();
        }
    }

    /** Ends the subscription and tells the subscriber why, on a thread of its own. */
    void drop(DropReason reason) {
        if (!active.compareAndSet(true, false)) {
            return;
        }
        queue.clear();
        owner.remove(this);
        if (reason == DropReason.SLOW) {
            log.warn("event subscriber on {} dropped: its queue of {} events was full", channel, capacity);
        }
        Thread.ofVirtual().name("herald-events-dropped").start(() -> call(() -> subscriber.onDropped(reason)));
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            Thread.ofVirtual().name("herald-events-" + channel).start(this::drain);
        }
    }

    private void drain() {
        do {
            while (active.get()) {
                if (gapPending.compareAndSet(true, false)) {
                    call(subscriber::onGap);
                    continue;
                }
                Event next = queue.poll();
                if (next == null) {
                    break;
                }
                call(() -> subscriber.onEvent(next));
            }
            draining.set(false);
            // An offer that saw draining still true relies on this pass: look again before leaving.
        } while (active.get() && (!queue.isEmpty() || gapPending.get()) && draining.compareAndSet(false, true));
    }

    private void call(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("event subscriber on {} failed: {}", channel, e.toString());
        }
    }
}
