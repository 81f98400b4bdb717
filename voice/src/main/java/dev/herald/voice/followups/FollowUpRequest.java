package dev.herald.voice.followups;

import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import dev.herald.voice.core.lead.Lead;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a call's agent asks to have sent: to the call's lead ({@code lead} null when the call has
 * none, or it is gone), signed by the profile's agent, for {@code reasons}, with the meeting booked
 * on the call if any.
 */
public record FollowUpRequest(String workspaceId, String callId, String leadId, Lead lead, String agentName,
                              List<FollowUpReason> reasons, Optional<MeetingSlot> meeting) {
    public FollowUpRequest {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(agentName, "agentName");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(meeting, "meeting");
    }
}
