package dev.herald.voice.retention;

import dev.herald.platform.Worker;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link RetentionService#sweepAll} every {@code interval}, the first time a minute after
 * start (or one interval, when shorter), so a node that restarts often still sweeps. Each node runs one; sweeps are idempotent, so nodes sweeping together only record extra
 * empty runs. Time inside a sweep comes from the service's injected clock.
 */
public final class RetentionSweeper implements Worker {
    /** Retention is counted in days; an hourly sweep deletes content at most an hour late. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    private static final Duration FIRST_SWEEP_AFTER = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);
    private final RetentionService retention;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public RetentionSweeper(RetentionService retention, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the sweep interval must be positive");
        }
        this.retention = retention;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "voice-retention-sweeper";
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("voice-retention").daemon()
                .factory());
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::sweepOnce, Math.min(ms, FIRST_SWEEP_AFTER.toMillis()), ms,
                TimeUnit.MILLISECONDS);
    }

    private void sweepOnce() {
        try {
            int deleted = retention.sweepAll().stream().mapToInt(RetentionRun::deletedCount).sum();
            if (deleted > 0) {
                log.info("retention sweep deleted {} items", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("retention sweep failed; the next one retries", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("retention sweep still running after stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
