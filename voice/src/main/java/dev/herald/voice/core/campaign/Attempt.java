package dev.herald.voice.core.campaign;

import dev.herald.voice.core.call.CallOutcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One dial of a lead. An attempt with no outcome yet is live (in flight). */
public record Attempt(Instant startedAt, Optional<Instant> endedAt, Optional<CallOutcome> outcome) {
    public Attempt {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(outcome, "outcome");
        if (endedAt.isPresent() != outcome.isPresent()) {
            throw new IllegalArgumentException("an attempt has both an end and an outcome, or neither");
        }
        if (endedAt.isPresent() && endedAt.get().isBefore(startedAt)) {
            throw new IllegalArgumentException("an attempt cannot end before it starts");
        }
    }

    public static Attempt live(Instant startedAt) {
        return new Attempt(startedAt, Optional.empty(), Optional.empty());
    }

    public static Attempt ended(Instant startedAt, Instant endedAt, CallOutcome outcome) {
        return new Attempt(startedAt, Optional.of(endedAt), Optional.of(outcome));
    }

    public boolean live() {
        return outcome.isEmpty();
    }
}
