package dev.herald.voice.core.campaign;

import java.time.Instant;
import java.util.Objects;

/** Dial {@code leadId} at {@code at}; {@code attempt} is its 1-based dial number. */
public record ScheduledDial(String leadId, Instant at, int attempt) {
    public ScheduledDial {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(at, "at");
    }
}
