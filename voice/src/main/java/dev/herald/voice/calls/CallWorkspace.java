package dev.herald.voice.calls;

import java.time.ZoneId;
import org.jdbi.v3.core.Handle;

/**
 * The port through which calls read the workspace's voice settings (package {@code workspace}):
 * its live-call limit when an outbound call is placed, and the zone its metrics count days in.
 */
public interface CallWorkspace {
    /**
     * The most calls the workspace may have live, read in the placing transaction {@code h}; holds
     * whatever lock makes concurrent placements of one workspace count one after the other.
     */
    int lockLiveCallLimit(Handle h, String workspaceId);

    /** The workspace's time zone. */
    ZoneId zone(String workspaceId);
}
