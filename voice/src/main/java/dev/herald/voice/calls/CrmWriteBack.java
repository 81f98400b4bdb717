package dev.herald.voice.calls;

import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Where a call writes back to the lead: its verdict at the end, and the agent's
 * {@code update_lead} tool. Both run in the CALLER's transaction ({@code h}), so a call's end and
 * its write-back commit together or not at all. Wired by the composition root to the crm package.
 */
public interface CrmWriteBack {

    /** Records the call's verdict on the lead (history row, status; do-not-call when asked). */
    void recordVerdict(Handle h, String workspaceId, String leadId, CallVerdict verdict);

    /** Updates fields of the lead on the agent's request. */
    void update(Handle h, String workspaceId, String leadId, Map<String, String> fields);
}
