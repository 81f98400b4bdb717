package dev.herald.voice.testcalls;

import dev.herald.platform.Worker;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends this node's idle test calls as {@code failed} (see {@link TestCallService#expireIdle}), every few seconds. */
public final class TestCallExpiry implements Worker {
    private static final Logger log = LoggerFactory.getLogger(TestCallExpiry.class);

    private final TestCallService tests;
    private final Duration every;
    private ScheduledExecutorService timer;

    public TestCallExpiry(TestCallService tests, Duration every) {
        this.tests = tests;
        this.every = every;
    }

    @Override
    public String name() {
        return "voice-test-call-expiry";
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("voice-test-call-expiry").unstarted(r));
        timer.scheduleWithFixedDelay(this::sweep, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            int n = tests.expireIdle();
            if (n > 0) {
                log.info("{} idle test call(s) expired", n);
            }
        } catch (RuntimeException e) {
            log.warn("test call expiry: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer = null;
    }
}
