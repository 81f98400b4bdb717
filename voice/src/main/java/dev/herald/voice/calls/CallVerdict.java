package dev.herald.voice.calls;

import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A call's verdict as written back to its lead: the call, its outcome, qualified or not with the
 * score, the extracted answers (JSON object by question key), the meeting booked, why someone
 * should follow up, and the governed session with its attestation's chain head hash, so a CRM
 * reader can prove what was said.
 */
public record CallVerdict(String callId, CallOutcome outcome, boolean qualified, int score, String answersJson,
                          Optional<MeetingSlot> meeting, List<FollowUpReason> followUps, String summary, String sessionId,
                          String chainHeadHash, Instant at) {
    public CallVerdict {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(meeting, "meeting");
        followUps = List.copyOf(followUps);
    }
}
