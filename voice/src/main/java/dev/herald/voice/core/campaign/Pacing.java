package dev.herald.voice.core.campaign;

import java.time.Duration;

/**
 * How fast a campaign dials: at most {@code maxConcurrent} live calls, and dials spread evenly at
 * {@code callsPerMinute} (one every 60/cpm seconds, never a burst at the top of the minute).
 */
public record Pacing(int maxConcurrent, int callsPerMinute) {
    public Pacing {
        if (maxConcurrent < 1 || maxConcurrent > 1000) {
            throw new IllegalArgumentException("maxConcurrent must be 1..1000");
        }
        if (callsPerMinute < 1 || callsPerMinute > 6000) {
            throw new IllegalArgumentException("callsPerMinute must be 1..6000");
        }
    }

    public Duration gap() {
        return Duration.ofMillis(60_000L / callsPerMinute);
    }
}
