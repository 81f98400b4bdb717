package dev.herald.voice.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one call wrote back to a lead: its outcome and verdict, and the links that let a CRM reader
 * prove what was said (the governed session and the head hash of its attestation chain). The same
 * record is recorded ({@link LeadService#recordVerdict}) and read back as history.
 *
 * @param answers       the extracted answers as the calls package renders them: a JSON object by question key
 * @param summary       the call's summary, or null
 * @param sessionId     the governed realtime session, or null for a call that never started one (a refusal)
 * @param chainHeadHash the attestation chain head ({@code sha256:...}), or null without a session
 * @param at            when the call ended (or was refused)
 */
public record LeadVerdict(String callId, CallOutcome outcome, boolean qualified, int score, JsonNode answers,
                          Optional<MeetingSlot> meeting, List<FollowUpReason> followUps, String summary,
                          String sessionId, String chainHeadHash, Instant at) {
    public LeadVerdict {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(outcome, "outcome");
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score must be 0..100, got " + score);
        }
        answers = answers == null || answers.isNull() ? JsonNodeFactory.instance.objectNode() : answers.deepCopy();
        if (!answers.isObject()) {
            throw new IllegalArgumentException("answers must be a JSON object");
        }
        Objects.requireNonNull(meeting, "meeting");
        followUps = List.copyOf(followUps);
        Objects.requireNonNull(at, "at");
    }

    @Override
    public JsonNode answers() {
        return answers.deepCopy();
    }
}
