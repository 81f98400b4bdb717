package dev.herald.voice.calls;

import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import dev.herald.voice.core.lead.Lead;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a call's {@code send_follow_up} goes. Herald has no message channel: the follow-up is
 * stored and handed to the customer's system, once per call (a retried ask answers the first).
 * Wired by the composition root to the followups package; runs in its own transaction. Thread-safe.
 */
public interface CallFollowUps {

    /** A follow-up to the call's lead ({@code lead} null when the call has none), signed by the profile's agent. */
    record Ask(String workspaceId, String callId, String leadId, Lead lead, String agentName,
               List<FollowUpReason> reasons, Optional<MeetingSlot> meeting) {
        public Ask {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(agentName, "agentName");
            reasons = List.copyOf(reasons);
            Objects.requireNonNull(meeting, "meeting");
        }
    }

    /** Handed over (stored with its webhook), or refused with the reason the agent is told. */
    sealed interface Answer {
        record Requested(String followUpId) implements Answer {
        }

        record Refused(String reason) implements Answer {
        }
    }

    Answer request(Ask ask);
}
