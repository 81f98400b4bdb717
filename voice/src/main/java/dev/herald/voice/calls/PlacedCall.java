package dev.herald.voice.calls;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The answer to placing or hanging up a call: the call's id and state, and where to follow it. The
 * full call view (transcript, verdict, recording, attestation) is {@code GET /api/v1/voice/calls/{id}}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PlacedCall(String id, String status, String direction, String provider, String leadId,
                         String profileId, int profileVersion, String objective, String outcome, String refusalReason,
                         String endReason, String createdAt, String hangupRequestedAt, Links links) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Links(String self, String events, String hangup) {
    }

    public static PlacedCall of(CallRecord c) {
        String self = "/api/v1/voice/calls/" + c.id();
        return new PlacedCall(c.id(), c.status(), c.direction(), c.provider(), c.leadId(), c.profileId(),
                c.profileVersion(), c.objective(), c.outcome(), c.refusalReason(), c.endReason(),
                c.createdAt().toString(), c.hangupRequestedAt() == null ? null : c.hangupRequestedAt().toString(),
                new Links(self, self + "/events", self + "/hangup"));
    }
}
