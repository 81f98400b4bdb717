package dev.herald.voice.testcalls;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One thing the agent did in answer to the callee, in order: a turn it said (or was not allowed
 * to say), a tool call with its decision and result, or hanging up. Serialized snake_case; the
 * members a kind does not use are null.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Step(String type, String text, String decision, String reasonCode, String reason, Long startMs,
                   Long endMs, String toolCallId, String tool, Map<String, String> arguments, String permitId,
                   Map<String, Object> result, String endReason) {

    static final String SAY = "say";
    static final String TOOL_CALL = "tool_call";
    static final String HANGUP = "hangup";

    static Step say(String text, String decision, String reasonCode, String reason, Long startMs, Long endMs) {
        return new Step(SAY, text, decision, reasonCode, reason, startMs, endMs, null, null, null, null, null, null);
    }

    static Step tool(String toolCallId, String tool, Map<String, String> arguments, String decision,
                     String reasonCode, String reason, String permitId, Map<String, Object> result, long atMs) {
        return new Step(TOOL_CALL, null, decision, reasonCode, reason, atMs, null, toolCallId, tool, arguments,
                permitId, result, null);
    }

    static Step hangup(String endReason, long atMs) {
        return new Step(HANGUP, null, null, null, null, atMs, null, null, null, null, null, null, endReason);
    }
}
