package dev.herald.voice.calls;

import dev.herald.voice.core.compliance.RefusalReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What placing a call came to. A closed set. */
public sealed interface Placement {

    /** The call is stored: queued, or refused by the compliance gate and recorded as such. */
    record Stored(CallRecord call) implements Placement {
        public Stored {
            Objects.requireNonNull(call, "call");
        }
    }

    /**
     * A campaign's dial that only waiting can allow: nothing is stored and the attempt is not used
     * up ({@code until}: when the lead's calling window opens, if that is the reason).
     */
    record Deferred(RefusalReason reason, Optional<Instant> until) implements Placement {
        public Deferred {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(until, "until");
        }
    }
}
