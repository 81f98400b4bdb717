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
import dev.herald.platform.domain.Unavailable;
import dev.herald.voice.calls.CallDirectory;
import dev.herald.voice.calls.CallEventLog;
import dev.herald.voice.calls.CallPlacementRoutes;
import dev.herald.voice.calls.CallRecorder;
import dev.herald.voice.calls.CallRunner;
import dev.herald.voice.calls.CallService;
import dev.herald.voice.calls.CallTools;
import dev.herald.voice.calls.CrmWriteBack;
import dev.herald.voice.governed.AgentProofs;
import dev.herald.voice.governed.CallGovernance;
import dev.herald.voice.governed.WorkspaceGovernance;
import dev.herald.voice.testcalls.TestCallExpiry;
import dev.herald.voice.testcalls.TestCallRoutes;
import dev.herald.voice.testcalls.TestCallService;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The voice module's composition root: builds every voice service by hand from what platform and
 * governance offer, and hands the server its routes and background workers. Features meet each
 * other only here, through the small ports each one declares (a campaign asks for a call through
 * the calls package's API; a call asks for its profile and lead through ports wired below).
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
            "call.transcript.completed", "campaign.completed", "agent.run.completed");

    private final List<Feature> features = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();

    /**
     * The ports the calls feature needs from the other voice features (profiles' agents, the
     * profile and lead directory, the knowledge and calendar tools, the CRM write-back, the
     * recorder). The lead wires them to the real services at merge; until then {@link #unwired()}
     * answers 503 for anything that needs them (nothing is faked).
     */
    public record CallPorts(AgentProofs agents, CallDirectory directory, CallTools tools, CrmWriteBack crm,
                            CallRecorder recorder) {
        private static final CallPorts UNWIRED = create();

        public static CallPorts unwired() {
            return UNWIRED;
        }

        private static CallPorts create() {
            String detail = "the voice module's profiles, leads and tools are not wired into calls in this build";
            return new CallPorts(new AgentProofs() {
                @Override
                public String agentId(String ws, String profileId) {
                    throw new Unavailable(detail);
                }

                @Override
                public dev.herald.ratify.ProofBundle present(String ws, String profileId,
                                                             dev.herald.ratify.Bytes c, dev.herald.ratify.Bytes s) {
                    throw new Unavailable(detail);
                }
            }, new CallDirectory() {
                @Override
                public ProfileVersion profile(String ws, String profileId) {
                    throw new Unavailable(detail);
                }

                @Override
                public dev.herald.voice.core.lead.Lead lead(String ws, String leadId) {
                    throw new Unavailable(detail);
                }
            }, new CallTools() {
                @Override
                public dev.herald.voice.core.qualifier.KnowledgeBase knowledge(String ws) {
                    throw new Unavailable(detail);
                }

                @Override
                public dev.herald.voice.core.qualifier.CalendarTool calendar(String ws, String connectorId) {
                    throw new Unavailable(detail);
                }
            }, null, null);
        }
    }

    /** Live simulated calls one node runs at once. */
    public static final int CALLS_PER_NODE = 200;

    public VoiceModule(Deps d) {
        this(d, d.settings().ports() == null ? CallPorts.unwired() : d.settings().ports());
    }

    public VoiceModule(Deps d, CallPorts ports) {
        // Each feature adds its services, routes and workers here, in dependency order.
        CallEventLog callEvents = new CallEventLog(d.mapper(), d.events(), d.clock());
        WorkspaceGovernance governance = new WorkspaceGovernance(d.db(), d.clock(), d.random(), d.mapper(),
                d.projects(), d.sidecarKeys(), d.policies(), d.secrets());
        CallGovernance callGovernance = new CallGovernance(d.mapper(), governance, d.ratify(), d.sessions(), d.atoms(),
                d.turns(), ports.agents());
        CallRunner runner = new CallRunner(d.db(), d.clock(), d.random(), d.mapper(), callEvents, d.webhooks(),
                callGovernance, ports.directory(), ports.tools(), ports.crm(), ports.recorder(), d.settings().simulationSpeed(),
                CALLS_PER_NODE);
        CallService calls = new CallService(d.db(), d.ids(), d.clock(), ports.directory(), ports.tools(), callEvents,
                runner);
        features.add(new CallPlacementRoutes(calls, runner, d.json(), d.idempotency()));
        if (ports != CallPorts.unwired()) {
            // Unwired, no call can be placed, so there is nothing to run (and nothing to steal from a node that can).
            workers.add(runner);
        }
        this.calls = calls;
        // Test calls: the callee is driven over the API; same ports, governance and end path as calls.
        TestCallService testCalls = new TestCallService(d.db(), d.clock(), d.random(), d.mapper(), d.webhooks(), calls,
                callGovernance, ports.directory(), ports.tools(), ports.crm(), callEvents, TestCallService.IDLE);
        features.add(new TestCallRoutes(testCalls, d.json(), d.apiKeys()::authenticate));
        workers.add(new TestCallExpiry(testCalls, java.time.Duration.ofSeconds(15)));
        this.testCalls = testCalls;
    }

    private final TestCallService testCalls;

    /** The test-call service (tests and embedders drive it directly). */
    public TestCallService testCalls() {
        return testCalls;
    }

    private final CallService calls;

    /** The calls service (for campaigns and retention, wired by the lead). */
    public CallService calls() {
        return calls;
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
