package dev.herald.voice.core.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The clock a simulated call runs on. Time moves only when the runner {@link #advance advances}
 * it. Compressed, it jumps at once; paced, each advance also waits {@code duration / speed} on the
 * injected {@link Sleeper}, so a demo plays at real pace (speed 1) or faster. Not thread-safe: one
 * clock per call.
 */
public final class SimClock extends Clock {
    /** Waits for real; the one side effect, injected so the runner stays pure. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private Instant now;
    private final double speed;
    private final Sleeper sleeper;

    private SimClock(Instant start, double speed, Sleeper sleeper) {
        this.now = Objects.requireNonNull(start, "start");
        this.speed = speed;
        this.sleeper = sleeper;
    }

    public static SimClock compressed(Instant start) {
        return new SimClock(start, 0, null);
    }

    public static SimClock paced(Instant start, double speed, Sleeper sleeper) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0");
        }
        return new SimClock(start, speed, Objects.requireNonNull(sleeper, "sleeper"));
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards");
        }
        if (sleeper != null && !duration.isZero()) {
            try {
                sleeper.sleep(Duration.ofNanos((long) (duration.toNanos() / speed)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing a simulated call", e);
            }
        }
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a simulated call clock is always UTC");
    }
}
