package dev.herald.platform.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * When to try a delivery again. Attempt 1 is immediate; after the n-th failure the next attempt
 * waits {@code DELAYS[n]} (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h), so ten attempts
 * span about 80 hours. Each wait gets up to +/-10% jitter so receivers that failed together are not
 * hit together again. A receiver's {@code Retry-After} replaces the scheduled wait for that retry
 * (bounded by {@link #MAX_RETRY_AFTER}); it does not add attempts.
 */
public final class RetrySchedule {
    /** Waits before attempts 2..10. */
    public static final List<Duration> DELAYS = List.of(
            Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
            Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20),
            Duration.ofHours(24));
    public static final int MAX_ATTEMPTS = DELAYS.size() + 1;
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);
    static final double JITTER = 0.10;

    private final RandomGenerator random;

    public RetrySchedule(RandomGenerator random) {
        this.random = random;
    }

    /**
     * The wait after {@code attemptsMade} failed attempts, or {@code null} when no attempt is left.
     *
     * @param retryAfter the receiver's requested wait, or null
     */
    public Duration nextDelay(int attemptsMade, Duration retryAfter) {
        if (attemptsMade >= MAX_ATTEMPTS) {
            return null;
        }
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        Duration base = DELAYS.get(attemptsMade - 1);
        double factor = 1 + (random.nextDouble() * 2 - 1) * JITTER;
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }
}
