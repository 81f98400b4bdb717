package dev.herald.governance.realtime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.governance.policy.Decision;
import java.util.List;

/**
 * The answer to {@code POST /v1/sessions/{id}/action-permits}, members in wire order: the permit
 * appears twice ({@code tool_call_permit} and {@code permit}, as the anchor answers), both null
 * when the call was denied.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionPermitAnswer(String sessionId, String decision, @JsonUnwrapped DenialReason denial,
                                 List<Decision.Step> authorizationTrace, ToolCallPermit toolCallPermit,
                                 ToolCallPermit permit) {
    public ActionPermitAnswer {
        authorizationTrace = List.copyOf(authorizationTrace);
    }

    @JsonIgnore
    public boolean allowed() {
        return "allow".equals(decision);
    }
}
