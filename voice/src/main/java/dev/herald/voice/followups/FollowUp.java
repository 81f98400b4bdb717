package dev.herald.voice.followups;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * One follow-up as the API and the {@code call.follow_up.requested} webhook show it. {@code body}
 * is null once retention purged it ({@code body_purged_at} then says when); {@code meeting} is the
 * meeting booked on the call, or null.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FollowUp(String id, String callId, String leadId, String channel, String recipient, List<String> reasons,
                       String subject, String body, Meeting meeting, String status, Instant createdAt,
                       Instant bodyPurgedAt) {
    public static final String EMAIL = "email";
    public static final String SMS = "sms";
    /** Handed to the customer's system (the webhook is queued); Herald does not learn whether it was sent. */
    public static final String REQUESTED = "requested";

    public FollowUp {
        reasons = List.copyOf(reasons);
    }

    /** A booked meeting: its start and end, and the zone it was offered in. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Meeting(Instant start, Instant end, String timeZone) {
    }
}
