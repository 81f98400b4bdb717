package dev.herald.voice.calls;

import dev.herald.voice.core.compliance.RefusalReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A campaign's dial that only waiting can allow (the lead's calling window is closed, or a
 * concurrency limit is reached): nothing is stored, and the campaign asks again for the same
 * attempt later ({@code until}: when the window opens, if known). Never reaches HTTP: calls placed
 * over the API are not campaign dials.
 */
public final class CallDeferred extends RuntimeException {
    private final RefusalReason reason;
    private final Optional<Instant> until;

    public CallDeferred(RefusalReason reason, Optional<Instant> until) {
        super(reason.wire(), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.until = Objects.requireNonNull(until, "until");
    }

    public RefusalReason reason() {
        return reason;
    }

    public Optional<Instant> until() {
        return until;
    }
}
