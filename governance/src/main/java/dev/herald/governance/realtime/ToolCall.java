package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool call ({@code tool_call} on a turn, or the body of {@code POST .../action-permits}; read
 * by {@link RealtimeRoutes}). {@code verbContext} is {@code verb_context} when sent, else
 * {@code arguments}.
 */
public record ToolCall(String toolName, String callId, ActionVerb verb, ObjectNode arguments, ObjectNode verbContext) {
    public ToolCall {
        arguments = arguments.deepCopy();
        verbContext = verbContext.deepCopy();
    }
}
