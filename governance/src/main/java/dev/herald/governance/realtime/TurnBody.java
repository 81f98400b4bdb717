package dev.herald.governance.realtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.http.FieldCheck;

/**
 * The body of {@code POST /v1/sessions/{id}/turns}: token counts, the budget the turn uses,
 * metadata and an optional tool call. Members it does not name are the turn gates' (a Ratify turn
 * proof), so they are ignored here.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TurnBody(Long inputTokens, Long outputTokens, Long riskBudgetUsedMicros, ObjectNode metadata,
                       ToolCallBody toolCall) {

    /** Every field error of the body at once. */
    public void check() {
        FieldCheck check = new FieldCheck().nonNegative("input_tokens", inputTokens)
                .nonNegative("output_tokens", outputTokens).nonNegative("risk_budget_used_micros", riskBudgetUsedMicros)
                .integersOnly("metadata", metadata);
        if (toolCall != null) {
            toolCall.check(check, "tool_call.");
        }
        check.throwIfAny();
    }

    /** The turn as the service takes it, for a body that passed {@link #check}; {@code body} is the request as sent. */
    TurnService.TurnRequest request(ActionVerbs verbs, ObjectNode body) {
        return new TurnService.TurnRequest(orZero(inputTokens), orZero(outputTokens), orZero(riskBudgetUsedMicros),
                metadata == null ? JsonNodeFactory.instance.objectNode() : metadata,
                toolCall == null ? null : toolCall.toolCall(verbs, "tool_call."), body);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
