package dev.herald.voice;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.governance.attest.AttestationService;
import dev.herald.governance.identity.RatifyRegistry;
import dev.herald.governance.identity.RatifyService;
import dev.herald.governance.policy.PolicyService;
import dev.herald.governance.realtime.AtomIngestor;
import dev.herald.governance.realtime.SessionService;
import dev.herald.governance.realtime.SidecarKeyService;
import dev.herald.governance.realtime.TurnService;
import dev.herald.platform.Feature;
import dev.herald.platform.Worker;
import dev.herald.platform.auth.ApiKeyService;
import dev.herald.platform.auth.ProjectService;
import dev.herald.platform.events.EventBus;
import dev.herald.platform.events.EventStreams;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.platform.store.SecretBox;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.voice.agents.AgentIdentities;
import dev.herald.voice.calendar.CalendarFeedRoutes;
import dev.herald.voice.calendar.CalendarFeeds;
import dev.herald.voice.calendar.CalendarRoutes;
import dev.herald.voice.calendar.CalendarService;
import dev.herald.voice.calls.CallEventLog;
import dev.herald.voice.calls.CallDirectory;
import dev.herald.voice.calls.CallEventReader;
import dev.herald.voice.calls.CallListRoutes;
import dev.herald.voice.calls.CallMetrics;
import dev.herald.voice.calls.CallMetricsRoutes;
import dev.herald.voice.calls.CallQueries;
import dev.herald.voice.calls.CallStream;
import dev.herald.voice.calls.CallStreamRoutes;
import dev.herald.voice.calls.CallTools;
import dev.herald.voice.calls.CrmWriteBack;
import dev.herald.voice.calls.CallToolbox;
import dev.herald.voice.campaigns.CampaignDialler;
import dev.herald.voice.campaigns.CampaignRoutes;
import dev.herald.voice.campaigns.CampaignService;
import dev.herald.voice.calls.CallPlacementRoutes;
import dev.herald.voice.calls.CallRunner;
import dev.herald.voice.calls.CallService;
import dev.herald.voice.calls.PlaceCall;
import dev.herald.voice.calls.PlacedCall;
import dev.herald.voice.crm.LeadRoutes;
import dev.herald.voice.crm.LeadService;
import dev.herald.voice.crm.StoredLead;
import dev.herald.voice.followups.FollowUpRoutes;
import dev.herald.voice.followups.FollowUpService;
import dev.herald.voice.governed.CallGovernance;
import dev.herald.voice.governed.WorkspaceGovernance;
import dev.herald.voice.knowledge.KnowledgeRoutes;
import dev.herald.voice.knowledge.KnowledgeService;
import dev.herald.voice.numbers.InboundCalls;
import dev.herald.voice.numbers.NumberRoutes;
import dev.herald.voice.numbers.NumberService;
import dev.herald.voice.profiles.ProfileRoutes;
import dev.herald.voice.profiles.ProfileService;
import dev.herald.voice.recordings.RecordingRenders;
import dev.herald.voice.recordings.RecordingRoutes;
import dev.herald.voice.recordings.RecordingService;
import dev.herald.voice.recordings.SpeechRenderer;
import dev.herald.voice.retention.RetentionRoutes;
import dev.herald.voice.retention.RetentionService;
import dev.herald.voice.retention.RetentionSweeper;
import dev.herald.voice.testcalls.TestCallExpiry;
import dev.herald.voice.testcalls.TestCallRoutes;
import dev.herald.voice.testcalls.TestCallService;
import dev.herald.voice.workspace.WorkspaceSettingsRoutes;
import dev.herald.voice.workspace.WorkspaceSettingsService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The voice module's composition root: builds every voice service by hand from what platform and
 * governance offer, and hands the server its routes and background workers. Features meet each
 * other only here, through the small port each one declares in its own package (a call asks for its
 * profile and lead through {@code calls.CallDirectory}, a ring of an inbound number places a call
 * through {@code numbers.InboundCalls}, ...); {@link VoicePorts} holds the adapters.
 */
public final class VoiceModule {

    /** What the voice module needs from the platform and governance modules. */
    public record Deps(Database db, Clock clock, SecureRandom random, Ids ids, ObjectMapper mapper, JsonBody json,
                       Idempotency idempotency, ProjectService projects, WebhookService webhooks, EventBus events,
                       EventStreams streams, SecretBox secrets, RatifyService ratify, RatifyRegistry registry,
                       PolicyService policies, SidecarKeyService sidecarKeys, SessionService sessions,
                       AtomIngestor atoms, TurnService turns, AttestationService attestation, VoiceSettings settings,
                       ApiKeyService apiKeys) {
    }

    /** The webhook event types the voice module emits; the server hands them to the webhook outbox. */
    public static final List<String> WEBHOOK_EVENTS = List.of("call.started", "call.answered", "call.ended",
            "call.transcript.completed", "call.follow_up.requested", "campaign.completed", "agent.run.completed");

    /** Live simulated calls one node runs at once. */
    public static final int CALLS_PER_NODE = 200;

    private final List<Feature> features = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final LeadService leads;
    private final KnowledgeService knowledge;
    private final CalendarService calendar;
    private final AgentIdentities agents;
    private final ProfileService profiles;
    private final RecordingService recordings;
    private final CallService calls;
    private final CallQueries callQueries;
    private final NumberService numbers;
    private final CampaignService campaigns;
    private final TestCallService testCalls;
    private final WorkspaceSettingsService settings;
    private final FollowUpService followUps;
    private final CallEventReader eventReader;
    private final CallStream callStream;
    private final CallMetrics callMetrics;

    public VoiceModule(Deps d) {
        // Features that need no other: the CRM, knowledge, calendars, profiles with their agents, recordings.
        leads = new LeadService(d.db(), d.ids(), d.clock(), d.mapper());
        features.add(new LeadRoutes(leads, d.json(), d.idempotency()));
        knowledge = new KnowledgeService(d.db(), d.clock(), d.ids());
        features.add(new KnowledgeRoutes(knowledge, d.json(), d.idempotency()));
        calendar = new CalendarService(d.db(), d.clock(), d.ids(), d.mapper(), "herald");
        features.add(new CalendarRoutes(calendar, d.json(), d.idempotency()));
        features.add(new CalendarFeedRoutes(new CalendarFeeds(d.db(), d.clock(), d.random(), calendar), d.idempotency()));
        agents = new AgentIdentities(d.db(), d.clock(), d.random(), d.secrets());
        profiles = new ProfileService(d.db(), d.ids(), d.clock(), d.mapper(), agents);
        features.add(new ProfileRoutes(profiles, agents, d.json(), d.idempotency()));
        recordings = new RecordingService(d.db(), d.ids(), d.clock(), d.random(), d.secrets(),
                SpeechRenderer.espeakNg(), RecordingService.DEFAULT_LINK_LIFETIME);
        features.add(new RecordingRoutes(recordings, d.clock()));

        settings = new WorkspaceSettingsService(d.db(), d.clock());
        features.add(new WorkspaceSettingsRoutes(settings, d.json(), d.idempotency()));
        VoicePorts.Workspace workspace = new VoicePorts.Workspace(settings);

        // Calls: each one a governed, attested realtime session of the workspace's voice project.
        CallEventLog callEvents = new CallEventLog(d.mapper(), d.events(), d.clock(), d.db().dialect());
        WorkspaceGovernance governance = new WorkspaceGovernance(d.db(), d.clock(), d.random(), d.mapper(),
                d.projects(), d.sidecarKeys(), d.policies(), d.secrets());
        // What calls read and write in the other features: profiles and leads, the tools, the CRM write-back.
        CallDirectory directory = new VoicePorts.Directory(profiles, leads);
        CallTools tools = new VoicePorts.Tools(knowledge, calendar);
        CrmWriteBack crm = new VoicePorts.Crm(leads, d.mapper());
        CallGovernance callGovernance = new CallGovernance(d.mapper(), governance, d.ratify(), d.sessions(), d.atoms(),
                d.turns(), new VoicePorts.Agents(agents));
        // The agent's send_follow_up: stored and handed to the customer's system by the followups package.
        followUps = new FollowUpService(d.db(), d.ids(), d.clock(), d.mapper(), d.webhooks());
        features.add(new FollowUpRoutes(followUps));
        CallToolbox toolbox = new CallToolbox(d.db(), directory, tools, crm, new VoicePorts.FollowUps(followUps));
        callQueries = new CallQueries(d.db(), d.mapper(), new VoicePorts.Links(recordings),
                new VoicePorts.FollowUps(followUps));
        features.add(new CallListRoutes(callQueries));
        // Recordings render after a call ends, half the cores at most, so live calls keep the rest.
        RecordingRenders renders = new RecordingRenders(recordings, new VoicePorts.Words(callQueries), d.clock(),
                RecordingRenders.defaultRenderers(), RecordingRenders.STALE);
        workers.add(renders);
        CallRunner runner = new CallRunner(d.db(), d.clock(), d.random(), d.mapper(), callEvents, d.webhooks(),
                callGovernance, directory, toolbox, crm, new VoicePorts.Recorder(recordings, renders),
                d.settings().simulationSpeed(), CALLS_PER_NODE);
        calls = new CallService(d.db(), d.ids(), d.clock(), directory, tools, callEvents, runner, workspace);
        features.add(new CallPlacementRoutes(calls, runner, d.json(), d.idempotency()));
        eventReader = new CallEventReader(d.db(), d.mapper(), d.clock());
        callStream = new CallStream(callQueries, eventReader, d.streams());
        features.add(new CallStreamRoutes(callStream, eventReader, d.streams()));
        callMetrics = new CallMetrics(d.db());
        features.add(new CallMetricsRoutes(callMetrics, d.clock(), workspace));
        workers.add(runner);
        // Test calls: the callee is driven over the API; same ports, governance and end path as calls.
        testCalls = new TestCallService(d.db(), d.clock(), d.random(), d.mapper(), d.webhooks(), calls,
                callGovernance, directory, toolbox, callEvents, TestCallService.IDLE);
        features.add(new TestCallRoutes(testCalls, d.json(), d.apiKeys()::authenticate));
        workers.add(new TestCallExpiry(testCalls, java.time.Duration.ofSeconds(15)));

        // Features on top of calls: campaigns, inbound numbers, retention.
        campaigns = new CampaignService(d.db(), d.ids(), d.clock(), d.mapper(), d.events(),
                new VoicePorts.References(leads, profiles, calendar, settings));
        features.add(new CampaignRoutes(campaigns, d.json(), d.idempotency()));
        workers.add(new CampaignDialler(d.db(), d.mapper(), d.clock(), d.events(), new VoicePorts.Placer(calls),
                d.webhooks()));
        InboundCalls inbound = (ws, number, from, key) -> PlacedCall.of(calls.place(ws, new PlaceCall("inbound",
                leads.findByPhone(ws, from).map(StoredLead::id).orElse(null), number.profileId(), number.objective(),
                null, 1, null, number.id(), from, number.number(), null, key)));
        numbers = new NumberService(d.db(), d.ids(), d.clock(), profiles, inbound);
        features.add(new NumberRoutes(numbers, d.json(), d.idempotency()));
        RetentionService retention = new RetentionService(d.db(), d.ids(), d.clock(), d.mapper(),
                recordings::deleteAudioBefore, new VoicePorts.Transcripts(calls, followUps));
        features.add(new RetentionRoutes(retention, d.json(), d.idempotency()));
        workers.add(new RetentionSweeper(retention, RetentionSweeper.DEFAULT_INTERVAL));
    }

    /** The CRM's lead store (leads, verdict write-back, the update_lead tool's writes). */
    public LeadService leads() {
        return leads;
    }

    /** The built-in calendar ({@code check_availability} / {@code book_meeting}'s {@link CalendarService#tool}). */
    public CalendarService calendar() {
        return calendar;
    }

    /** The knowledge corpus ({@code search_knowledge}'s {@link KnowledgeService#base}). */
    public KnowledgeService knowledge() {
        return knowledge;
    }

    /** Profiles and their versions (calls read the version they run with). */
    public ProfileService profiles() {
        return profiles;
    }

    /** The Ratify identities of the profiles' agents. */
    public AgentIdentities agents() {
        return agents;
    }

    /** Recordings of calls and their signed links. */
    public RecordingService recordings() {
        return recordings;
    }

    /** Calls: placing, reading, hanging up. */
    public CallService calls() {
        return calls;
    }

    /** The read side of calls: filtered lists and the full view of one call (the MCP tools read it too). */
    public CallQueries callQueries() {
        return callQueries;
    }

    /** Calls' stored events (a call's timeline of utterances and decisions), page by page. */
    public CallEventReader callEvents() {
        return eventReader;
    }

    /** One call's live event stream, for a route that has authorized its caller. */
    public CallStream callStream() {
        return callStream;
    }

    /** Call metrics over a range, in total and per day, profile, campaign or direction. */
    public CallMetrics callMetrics() {
        return callMetrics;
    }

    /** Outbound campaigns and their dialler. */
    public CampaignService campaigns() {
        return campaigns;
    }

    /** Test calls: a callee driven over the API (tests and embedders drive it directly too). */
    public TestCallService testCalls() {
        return testCalls;
    }

    /** The workspaces' voice settings (time zone, live-call limit). */
    public WorkspaceSettingsService settings() {
        return settings;
    }

    /** Follow-ups the agents asked for ({@code send_follow_up}), handed over by webhook. */
    public FollowUpService followUps() {
        return followUps;
    }

    /** Inbound numbers and their routes to profiles. */
    public NumberService numbers() {
        return numbers;
    }

    /** The routes of every voice feature, for the server to serve. */
    public List<Feature> features() {
        return List.copyOf(features);
    }

    /** The background loops of the voice module (call runner, campaign dialler, retention sweeper). */
    public List<Worker> workers() {
        return List.copyOf(workers);
    }
}
