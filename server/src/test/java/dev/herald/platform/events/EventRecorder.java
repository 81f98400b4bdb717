package dev.herald.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A subscriber that keeps what it was told, for tests to wait on. */
class EventRecorder implements Subscriber {
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final AtomicInteger gaps = new AtomicInteger();
    final AtomicReference<DropReason> dropped = new AtomicReference<>();
    final CountDownLatch droppedLatch = new CountDownLatch(1);

    @Override
    public void onEvent(Event event) {
        events.add(event);
    }

    @Override
    public void onGap() {
        gaps.incrementAndGet();
    }

    @Override
    public void onDropped(DropReason reason) {
        dropped.set(reason);
        droppedLatch.countDown();
    }

    /** The next event, or null when none arrives within {@code wait}. */
    Event next(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The messages of the next {@code n} events, waiting at most {@code wait} in all. */
    List<String> messages(int n, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> got = new ArrayList<>();
        while (got.size() < n) {
            Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                break;
            }
            got.add(e.message());
        }
        return got;
    }

    boolean isEmpty() {
        return events.isEmpty();
    }
}
