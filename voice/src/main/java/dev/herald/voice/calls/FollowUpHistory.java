package dev.herald.voice.calls;

import java.util.List;

/** The follow-ups a call's view shows (wired to the followups package). Thread-safe. */
@FunctionalInterface
public interface FollowUpHistory {

    /** The call's follow-ups, oldest first; empty when it has none (the workspace owns the call). */
    List<CallView.FollowUp> ofCall(String workspaceId, String callId);
}
