package dev.herald.voice.agents;

import dev.herald.voice.core.profile.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Ratify scopes a voice agent holds: it may always attend and speak in its call; each enabled
 * tool adds the scope its action permit is checked against. Stateless.
 */
public final class AgentScopes {
    public static final String ATTEND = "meeting:attend";
    public static final String SPEAK = "meeting:speak";
    public static final String EXECUTE_TOOL = "execute:tool";
    public static final String DATA_WRITE = "data:write";
    public static final String MESSAGE_SEND = "comms:message:send";

    private AgentScopes() {}

    /** The scope a call of {@code tool} is permitted under. */
    public static String of(Tool tool) {
        return switch (tool) {
            case SEARCH_KNOWLEDGE, LOOKUP_LEAD, CHECK_AVAILABILITY, END_CALL -> EXECUTE_TOOL;
            case BOOK_MEETING, UPDATE_LEAD -> DATA_WRITE;
            case SEND_FOLLOW_UP -> MESSAGE_SEND;
        };
    }

    /** The scopes of an agent with {@code tools}, in a fixed order (so equal sets compare equal as lists). */
    public static List<String> forTools(Set<Tool> tools) {
        List<String> scopes = new ArrayList<>(List.of(ATTEND, SPEAK));
        for (String scope : List.of(EXECUTE_TOOL, DATA_WRITE, MESSAGE_SEND)) {
            if (tools.stream().anyMatch(t -> of(t).equals(scope))) {
                scopes.add(scope);
            }
        }
        return List.copyOf(scopes);
    }
}
