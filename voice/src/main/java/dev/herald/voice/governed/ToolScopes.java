package dev.herald.voice.governed;

import dev.herald.voice.core.profile.Tool;

/**
 * The action kind of each agent tool, which the session's voice policy maps to the Ratify scope
 * the agent's delegation must hold: a CRM write ({@code data:write}), an outbound message
 * ({@code comms:message:send}), or a plain tool call ({@code execute:tool}, which every tool call
 * also needs).
 */
public final class ToolScopes {
    private ToolScopes() {
    }

    public static String actionKind(Tool tool) {
        return switch (tool) {
            case BOOK_MEETING, UPDATE_LEAD -> "crm_write";
            case SEND_FOLLOW_UP -> "outbound_message";
            case SEARCH_KNOWLEDGE, LOOKUP_LEAD, CHECK_AVAILABILITY, END_CALL -> "tool_call";
        };
    }

    /** The scope the default voice policy asks for the tool's action kind. */
    public static String scope(Tool tool) {
        return switch (actionKind(tool)) {
            case "crm_write" -> "data:write";
            case "outbound_message" -> "comms:message:send";
            default -> "execute:tool";
        };
    }
}
