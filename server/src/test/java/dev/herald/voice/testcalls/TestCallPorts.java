package dev.herald.voice.testcalls;

import dev.herald.platform.domain.NotFound;
import dev.herald.voice.VoiceModule;
import dev.herald.voice.calls.CallDirectory;
import dev.herald.voice.calls.CallTools;
import dev.herald.voice.calls.CallVerdict;
import dev.herald.voice.calls.CrmWriteBack;
import dev.herald.voice.core.lead.Consent;
import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.lead.LeadStatus;
import dev.herald.voice.core.lead.PhoneNumber;
import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.qualifier.CalendarTool;
import dev.herald.voice.core.qualifier.KnowledgeBase;
import dev.herald.voice.core.simulation.SimulatedCalendar;
import dev.herald.voice.core.simulation.StaticKnowledge;
import dev.herald.voice.governed.TestAgents;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jdbi.v3.core.Handle;

/**
 * The calls ports as the test-call contract wires them until the lead wires the real features:
 * profiles {@code vpr_*} are the demo qualifier, leads are core records the test adds, the tools
 * are the core's static knowledge and an in-memory calendar per workspace (the real calendar
 * logic of the core, bookings kept in memory), and the CRM write-back keeps what it was given in
 * the call's transaction. Agents are real Ratify delegations ({@link TestAgents}).
 */
final class TestCallPorts implements CallDirectory, CallTools, CrmWriteBack {
    static final List<String> ALL_SCOPES = List.of("meeting:attend", "meeting:speak", "execute:tool", "data:write",
            "comms:message:send");

    record Written(String workspaceId, String leadId, CallVerdict verdict) {
    }

    final TestAgents agents = new TestAgents();
    final Map<String, Lead> leads = new ConcurrentHashMap<>();
    final Map<String, CalendarTool> calendars = new ConcurrentHashMap<>();
    final Queue<Written> verdicts = new ConcurrentLinkedQueue<>();
    final Queue<Map<String, String>> updates = new ConcurrentLinkedQueue<>();

    VoiceModule.CallPorts ports() {
        return new VoiceModule.CallPorts(agents, this, this, this, null);
    }

    String addLead(String ws, String leadId) {
        leads.put(ws + "/" + leadId, new Lead(Optional.of("Grace Hopper"), new PhoneNumber("+12025550143"),
                Optional.empty(), Optional.of("Compilers Inc"), Optional.of(ZoneId.of("America/New_York")), Map.of(),
                Consent.GRANTED, false, LeadStatus.NEW, Optional.empty()));
        return leadId;
    }

    @Override
    public ProfileVersion profile(String workspaceId, String profileId) {
        if (!profileId.startsWith("vpr_")) {
            throw new NotFound("profile " + profileId + " not found");
        }
        return new ProfileVersion(profileId, 1, DefaultProfiles.demoQualifier());
    }

    @Override
    public ProfileVersion version(String workspaceId, String profileId, int version) {
        if (version != 1) {
            throw new NotFound("profile " + profileId + " has no version " + version);
        }
        return profile(workspaceId, profileId);
    }

    @Override
    public Lead lead(String workspaceId, String leadId) {
        Lead lead = leads.get(workspaceId + "/" + leadId);
        if (lead == null) {
            throw new NotFound("lead " + leadId + " not found");
        }
        return lead;
    }

    @Override
    public KnowledgeBase knowledge(String workspaceId) {
        return StaticKnowledge.demo();
    }

    @Override
    public CalendarTool calendar(String workspaceId, String connectorId) {
        return calendars.computeIfAbsent(workspaceId + "/" + connectorId, k -> new SimulatedCalendar(
                ZoneId.of("America/New_York"), LocalTime.of(9, 0), LocalTime.of(17, 0)));
    }

    @Override
    public void requireCalendar(String workspaceId, String connectorId) {
        if (!connectorId.startsWith("cal_")) {
            throw new NotFound("calendar " + connectorId + " not found");
        }
    }

    @Override
    public void recordVerdict(Handle h, String workspaceId, String leadId, CallVerdict verdict) {
        verdicts.add(new Written(workspaceId, leadId, verdict));
    }

    @Override
    public void update(Handle h, String workspaceId, String leadId, Map<String, String> fields) {
        updates.add(fields);
    }
}
