package dev.herald.voice.calls;

import dev.herald.platform.domain.NotFound;
import dev.herald.platform.store.Database;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.profile.VoiceProfile;
import dev.herald.voice.core.qualifier.CallContext;
import dev.herald.voice.core.qualifier.ToolCall;
import dev.herald.voice.core.qualifier.ToolResult;
import dev.herald.voice.core.simulation.SimulatedTools;
import dev.herald.voice.core.simulation.ToolExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the agent's tools do once a permit allowed them, on a played call and on a test call alike:
 * {@code search_knowledge}, {@code check_availability} and {@code book_meeting} run on the
 * workspace's knowledge and calendar ({@link CallTools}); {@code update_lead} writes to the call's
 * lead through {@link CrmWriteBack}; {@code send_follow_up} hands a follow-up to the customer's
 * system through {@link CallFollowUps} (failed, with the reason, when the lead may not or cannot be
 * reached); {@code lookup_lead} and {@code end_call} answer from the call itself. Thread-safe; each
 * call's executor is used by one thread at a time.
 */
public final class CallToolbox {
    private final Database db;
    private final CallDirectory directory;
    private final CallTools tools;
    private final CrmWriteBack crm;
    private final CallFollowUps followUps;

    public CallToolbox(Database db, CallDirectory directory, CallTools tools, CrmWriteBack crm,
                       CallFollowUps followUps) {
        this.db = db;
        this.directory = directory;
        this.tools = tools;
        this.crm = crm;
        this.followUps = followUps;
    }

    /** The tools of one call, run as {@code profile} (the version the call runs with). */
    public ToolExecutor forCall(CallRecord call, VoiceProfile profile) {
        String ws = call.workspaceId();
        return new OnCall(call, profile, new SimulatedTools(tools.calendar(ws, call.calendarConnectorId()),
                tools.knowledge(ws)));
    }

    /** One call's tools; remembers the meeting booked on the call for its follow-up. */
    private final class OnCall implements ToolExecutor {
        private final CallRecord call;
        private final VoiceProfile profile;
        private final SimulatedTools stores;
        private MeetingSlot booked;

        OnCall(CallRecord call, VoiceProfile profile, SimulatedTools stores) {
            this.call = call;
            this.profile = profile;
            this.stores = stores;
        }

        @Override
        public ToolResult execute(ToolCall toolCall, CallContext context) {
            return switch (toolCall.tool()) {
                case UPDATE_LEAD -> updateLead(toolCall, context);
                case SEND_FOLLOW_UP -> followUp(toolCall);
                default -> {
                    ToolResult result = stores.execute(toolCall, context);
                    if (result instanceof ToolResult.Booked b) {
                        booked = b.slot();
                    }
                    yield result;
                }
            };
        }

        private ToolResult updateLead(ToolCall toolCall, CallContext context) {
            if (call.leadId() == null || crm == null) {
                return stores.execute(toolCall, context); // no stored lead to write to
            }
            db.write(h -> {
                crm.update(h, call.workspaceId(), call.leadId(), toolCall.arguments());
                return null;
            });
            return new ToolResult.Done();
        }

        private ToolResult followUp(ToolCall toolCall) {
            Lead lead = null;
            if (call.leadId() != null) {
                try {
                    lead = directory.lead(call.workspaceId(), call.leadId()); // as it is now: update_lead may have changed it
                } catch (NotFound gone) {
                    lead = null; // deleted during the call: there is nobody to write to
                }
            }
            CallFollowUps.Ask ask = new CallFollowUps.Ask(call.workspaceId(), call.id(), call.leadId(), lead,
                    profile.agentName(), reasons(toolCall.arguments().getOrDefault("reasons", "")),
                    Optional.ofNullable(booked));
            return switch (followUps.request(ask)) {
                case CallFollowUps.Answer.Requested r -> new ToolResult.Done();
                case CallFollowUps.Answer.Refused r -> new ToolResult.Failed(r.reason());
            };
        }
    }

    /** The agent's comma-separated reasons, in its order; a name the core does not know is left out. */
    static List<FollowUpReason> reasons(String wire) {
        List<FollowUpReason> out = new ArrayList<>();
        for (String name : wire.split(",")) {
            Arrays.stream(FollowUpReason.values()).filter(r -> r.wire().equals(name.strip())).findFirst()
                    .filter(r -> !out.contains(r)).ifPresent(out::add);
        }
        return out;
    }
}
