package dev.herald.voice.campaigns;

import dev.herald.voice.core.call.CallOutcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What placing a dial came to. A closed set. */
public sealed interface PlacedCall {

    /** The call was placed and is live (or already over; {@link CallPlacer#status} says). */
    record Dialled(String callId) implements PlacedCall {
        public Dialled {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * The compliance gate refused the lead for good (do-not-call, no consent, unknown time zone):
     * recorded as call {@code callId} with outcome {@code recordedAs}, never dialled. The lead is closed.
     */
    record Refused(String callId, CallOutcome recordedAs, String reason) implements PlacedCall {
        public Refused {
            Objects.requireNonNull(recordedAs, "recordedAs");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Not now: outside the lead's calling window ({@code until} = when it opens) or a concurrency
     * limit ({@code until} empty: try again on a later look). The attempt is not used up.
     */
    record Deferred(Optional<Instant> until, String reason) implements PlacedCall {
        public Deferred {
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
