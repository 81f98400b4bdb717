package dev.herald.voice.testcalls;

import dev.herald.platform.store.Database;
import dev.herald.voice.calls.CallRecord;
import dev.herald.voice.calls.CallTools;
import dev.herald.voice.calls.CrmWriteBack;
import dev.herald.voice.core.profile.Tool;
import dev.herald.voice.core.qualifier.ToolResult;
import dev.herald.voice.core.simulation.SimulatedTools;
import dev.herald.voice.core.simulation.ToolExecutor;

/** The tools a test call's agent uses once a permit allows them: the same as a played call's. */
final class TestCallTools {
    private TestCallTools() {
    }

    /** The agent's tools: the workspace's knowledge and calendar; update_lead writes to the CRM for a stored lead. */
    static ToolExecutor executor(Database db, CallTools tools, CrmWriteBack crm, String workspaceId, CallRecord call) {
        SimulatedTools real = new SimulatedTools(tools.calendar(workspaceId, call.calendarConnectorId()),
                tools.knowledge(workspaceId));
        return (toolCall, context) -> {
            if (toolCall.tool() == Tool.UPDATE_LEAD && call.leadId() != null && crm != null) {
                db.write(h -> {
                    crm.update(h, workspaceId, call.leadId(), toolCall.arguments());
                    return null;
                });
                return new ToolResult.Done();
            }
            return real.execute(toolCall, context);
        };
    }

}
