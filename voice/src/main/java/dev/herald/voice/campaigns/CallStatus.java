package dev.herald.voice.campaigns;

import dev.herald.voice.core.call.CallOutcome;
import java.time.Instant;
import java.util.Objects;

/** Where a placed call stands, as the campaign sees it. A closed set. */
public sealed interface CallStatus {

    /** Still queued, ringing or in progress. */
    record Live() implements CallStatus {
    }

    /** Over, with its outcome; {@code verdict} is null when the call produced none (no answer...). */
    record Ended(CallOutcome outcome, Instant endedAt, VerdictSummary verdict) implements CallStatus {
        public Ended {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(endedAt, "endedAt");
        }
    }

    /** The part of a call's verdict a campaign's results show. {@code score} 0-100 or null. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VerdictSummary(boolean qualified, Integer score, boolean meetingBooked, String summary) {
    }
}
