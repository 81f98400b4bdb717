package dev.herald.voice.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * One call as {@code GET /api/v1/voice/calls/{call_id}} answers it: where it stands, its times, how it
 * ended, what was said, the verdict, the recording, the cost and the links to what it concerns.
 * {@code transcript} is null before the call has one and after retention purged it
 * ({@code transcript_purged_at} then says when); {@code recording} is null with
 * {@code recording_unavailable_reason} saying why; {@code follow_ups} lists what the agent's
 * {@code send_follow_up} handed to the customer's system (empty when nothing).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallView(String id, String direction, String status, String provider, String objective, int attempt,
                       Link lead, ProfileLink profile, Link campaign, String numberId, String fromNumber,
                       String toNumber, String calendarConnectorId, String outcome, String refusalReason,
                       String endReason, String providerEndCode, Boolean qualified, boolean meetingBooked,
                       Long durationMs, Instant createdAt, Instant dialledAt, Instant answeredAt, Instant endedAt,
                       Instant updatedAt, List<Turn> transcript, Instant transcriptPurgedAt, String summary,
                       JsonNode verdict, Recording recording, String recordingUnavailableReason, Cost cost,
                       Governance governance, List<FollowUp> followUps) {

    /** Another resource of the voice module or the CRM: its id and where to read it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Link(String id, String href) {
    }

    /** The profile and the version of it the call ran. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProfileLink(String id, int version, String href) {
    }

    /** One utterance, in milliseconds from when the call was answered. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Turn(String role, String text, long startMs, long endMs, boolean interrupted) {
    }

    /** A signed recording URL, good until {@code expires_at}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Recording(String url, Instant expiresAt) {
    }

    /** What the call cost, in millionths of the currency's unit. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Cost(long amountMicros, String currency) {
    }

    /**
     * The governed realtime session the call ran as, in the workspace's {@code voice} project, and
     * the hash at the head of its attestation chain (also recorded on the lead).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Governance(String sessionId, String projectId, String session, String attestation,
                             String chainHeadHash) {
    }

    /**
     * A follow-up the call's agent asked for: to whom and how, why, the message (its body null once
     * retention purged it) and the meeting booked on the call.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FollowUp(String id, String callId, String leadId, String channel, String recipient,
                           List<String> reasons, String subject, String body, Meeting meeting, String status,
                           Instant createdAt, Instant bodyPurgedAt) {
    }

    /** A meeting booked on the call, in the zone it was offered in. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Meeting(Instant start, Instant end, String timeZone) {
    }
}
