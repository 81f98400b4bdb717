package dev.herald.governance.realtime;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.governance.policy.Decision;
import java.util.List;

/**
 * The answer to {@code POST /v1/sessions/{id}/turns}, members in wire order. {@code denial} adds
 * {@code user_facing_reason} and {@code reason_code} to a denied turn; {@code toolCall} adds
 * {@code tool_call_permit} (null when the call was denied) to a turn that carried one.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TurnAnswer(String sessionId, String decision, int turnIndex, @JsonUnwrapped DenialReason denial,
                         List<Decision.Step> authorizationTrace, Budget budget, String eventHash, long sequence,
                         @JsonUnwrapped ToolCallOutcome toolCall) {
    public TurnAnswer {
        authorizationTrace = List.copyOf(authorizationTrace);
    }

    /** The permit a turn's tool call got: null when the call was denied. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ToolCallOutcome(ToolCallPermit toolCallPermit) {
    }
}
