package dev.herald.voice.calls;

import dev.herald.platform.domain.NotFound;
import dev.herald.server.Services;
import dev.herald.voice.core.lead.Consent;
import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.lead.LeadStatus;
import dev.herald.voice.core.lead.PhoneNumber;
import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.qualifier.CalendarTool;
import dev.herald.voice.core.qualifier.KnowledgeBase;
import dev.herald.voice.core.simulation.Persona;
import dev.herald.voice.core.simulation.Personas;
import dev.herald.voice.core.simulation.SimulatedCalendar;
import dev.herald.voice.core.simulation.StaticKnowledge;
import dev.herald.voice.governed.CallGovernance;
import dev.herald.voice.governed.TestAgents;
import dev.herald.voice.governed.WorkspaceGovernance;
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
 * The calls feature built over a running Herald's services, with in-test ports: profiles are the
 * demo qualifier, leads are core {@link Lead} records the test adds, the tools are the core's
 * static knowledge and an in-memory calendar per workspace, the CRM write-back keeps what it
 * was given (in the call's transaction: a rolled-back end leaves nothing), and follow-ups are
 * kept as asked.
 */
final class CallsFixture implements CallDirectory, CallTools, CrmWriteBack, CallFollowUps {
    static final List<String> ALL_SCOPES = List.of("meeting:attend", "meeting:speak", "execute:tool", "data:write",
            "comms:message:send");

    record Written(String workspaceId, String leadId, CallVerdict verdict) {
    }

    final TestAgents agents = new TestAgents();
    final Map<String, Lead> leads = new ConcurrentHashMap<>();
    final Map<String, CalendarTool> calendars = new ConcurrentHashMap<>();
    final Queue<Written> verdicts = new ConcurrentLinkedQueue<>();
    final Queue<Map<String, String>> updates = new ConcurrentLinkedQueue<>();
    final Queue<Ask> followUps = new ConcurrentLinkedQueue<>();
    final CallEventLog events;
    final CallGovernance governance;
    final CallRunner runner;
    final CallService calls;

    CallsFixture(Services s, double speed) {
        events = new CallEventLog(s.mapper(), s.events(), s.clock());
        governance = new CallGovernance(s.mapper(), new WorkspaceGovernance(s.db(), s.clock(), s.random(), s.mapper(),
                s.projects(), s.sidecarKeys(), s.policies(), s.secrets()), s.ratify(), s.sessions(), s.atoms(),
                s.turns(), agents);
        runner = new CallRunner(s.db(), s.clock(), s.random(), s.mapper(), events, s.webhooks(), governance, this,
                toolbox(s), this, null, speed, 50);
        calls = new CallService(s.db(), s.ids(), s.clock(), this, this, events, runner);
    }

    /** The tools of this fixture's calls: its knowledge, calendars, CRM and follow-ups. */
    CallToolbox toolbox(Services s) {
        return new CallToolbox(s.db(), this, this, this, this);
    }

    /** The first lead id of the form {@code <prefix>-N} whose persona is {@code persona}. */
    static String leadOf(String prefix, Persona persona) {
        for (int i = 0; ; i++) {
            if (Personas.forLead(prefix + "-" + i).persona() == persona) {
                return prefix + "-" + i;
            }
        }
    }

    String addLead(String ws, String leadId, ZoneId zone, Consent consent, boolean doNotCall) {
        leads.put(ws + "/" + leadId, new Lead(Optional.of("Ada Lovelace"), new PhoneNumber("+12025550143"),
                Optional.empty(), Optional.of("Analytical Engines"), Optional.ofNullable(zone), Map.of(), consent,
                doNotCall, LeadStatus.NEW, Optional.empty()));
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
        ProfileVersion current = profile(workspaceId, profileId);
        if (version != current.version()) {
            throw new NotFound("profile " + profileId + " has no version " + version);
        }
        return current;
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
    public void recordVerdict(Handle h, String workspaceId, String leadId, CallVerdict verdict) {
        verdicts.add(new Written(workspaceId, leadId, verdict));
    }

    @Override
    public void update(Handle h, String workspaceId, String leadId, Map<String, String> fields) {
        updates.add(fields);
    }

    @Override
    public Answer request(Ask ask) {
        followUps.add(ask);
        return new Answer.Requested("fup_" + ask.callId());
    }
}
