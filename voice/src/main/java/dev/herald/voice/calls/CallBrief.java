package dev.herald.voice.calls;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One call in a list: what a table of recent calls shows, without the transcript, verdict and
 * summary (fetch the call for those). Times are RFC 3339 UTC; {@code duration_ms} is the talk time.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallBrief(String id, String direction, String status, String provider, String leadId, String profileId,
                       int profileVersion, String campaignId, int attempt, String outcome, String refusalReason,
                       String endReason, Boolean qualified, boolean meetingBooked, Long durationMs,
                       Instant createdAt, Instant answeredAt, Instant endedAt) {

    /** The keyset position of this call in the newest-first order: {@code created_at} millis, then id. */
    @JsonIgnore
    public String position() {
        return createdAt.toEpochMilli() + ":" + id;
    }
}
