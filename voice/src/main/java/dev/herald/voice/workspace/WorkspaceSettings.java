package dev.herald.voice.workspace;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A workspace's voice settings: the time zone its metrics count days in, and the most calls it may
 * have live at once (outbound, inbound and test calls together, across every node). {@code updatedAt}
 * is null while the defaults apply.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WorkspaceSettings(String workspaceId, String timeZone, int maxConcurrentCalls, Instant updatedAt) {
    public static final String DEFAULT_TIME_ZONE = "UTC";
    /** The default live-call limit: a new workspace cannot flood a line by accident. */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 20;
    /** The highest limit a workspace may set (a campaign's own ceiling is the same). */
    public static final int MAX_CONCURRENT_CALLS = 1000;

    public static WorkspaceSettings defaults(String workspaceId) {
        return new WorkspaceSettings(workspaceId, DEFAULT_TIME_ZONE, DEFAULT_MAX_CONCURRENT_CALLS, null);
    }
}
