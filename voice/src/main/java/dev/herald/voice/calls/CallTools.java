package dev.herald.voice.calls;

import dev.herald.voice.core.qualifier.CalendarTool;
import dev.herald.voice.core.qualifier.KnowledgeBase;

/**
 * The workspace's real tools behind the agent's {@code search_knowledge}, {@code check_availability}
 * and {@code book_meeting}: wired by the composition root to the knowledge and calendar packages.
 * Thread-safe.
 */
public interface CallTools {

    KnowledgeBase knowledge(String workspaceId);

    /** The calendar of {@code connectorId}, or the workspace's default built-in calendar for null. */
    CalendarTool calendar(String workspaceId, String connectorId);

    /** Checks a calendar connector id before a call is placed (Invalid or NotFound for a bad one). */
    default void requireCalendar(String workspaceId, String connectorId) {
    }
}
