package dev.herald.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.auth.ApiKeyService;
import dev.herald.platform.auth.Bootstrap;
import dev.herald.platform.auth.ProjectService;
import dev.herald.platform.auth.WorkspaceService;
import dev.herald.platform.egress.EgressGuard;
import dev.herald.platform.events.EventBus;
import dev.herald.platform.events.EventStreams;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.idempotency.IdempotentWrites;
import dev.herald.governance.identity.ChallengeRecords;
import dev.herald.governance.identity.RatifyService;
import dev.herald.governance.identity.RevocationRegistry;
import dev.herald.governance.identity.RatifyRegistry;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.JsonMapping;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.platform.store.SecretBox;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.governance.platforms.PlatformService;
import dev.herald.evidence.keys.KeyRing;
import dev.herald.evidence.tsa.TimestampClient;
import dev.herald.governance.attest.AttestationService;
import dev.herald.governance.attest.ProjectLedger;
import dev.herald.governance.identity.VoiceIdentity;
import dev.herald.platform.auth.ProjectScope;
import dev.herald.governance.policy.PolicyService;
import dev.herald.governance.realtime.ActionVerbs;
import dev.herald.governance.realtime.AtomIngestor;
import dev.herald.governance.realtime.AtomVerifier;
import dev.herald.governance.realtime.InterruptionRecorder;
import dev.herald.governance.realtime.LiveSessions;
import dev.herald.governance.realtime.ProjectSettings;
import dev.herald.governance.realtime.SessionArchive;
import dev.herald.governance.realtime.SessionHooks;
import dev.herald.governance.realtime.SessionLedger;
import dev.herald.governance.realtime.SessionService;
import dev.herald.governance.realtime.SidecarIntake;
import dev.herald.governance.realtime.SessionStore;
import dev.herald.governance.realtime.StartAuthorization;
import dev.herald.governance.realtime.TurnGate;
import dev.herald.governance.realtime.SidecarKeyService;
import dev.herald.governance.realtime.TurnService;
import dev.herald.ratify.crypto.Ed25519Batch;
import dev.herald.voice.VoiceModule;
import dev.herald.voice.VoiceSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Every service of the server, built by hand in dependency order. {@link Herald} builds one for
 * the HTTP server; CLI commands that write to the store directly build one without HTTP.
 * A new feature adds its service here and its routes in {@link Herald#features}.
 */
public record Services(Database db, Clock clock, SecureRandom random, Ids ids, ObjectMapper mapper,
                       JsonBody json, Idempotency idempotency, WorkspaceService workspaces,
                       ProjectService projects, ApiKeyService apiKeys, Bootstrap bootstrap,
                       RatifyService ratify, ProjectScope projectScope, PolicyService policies,
                       SidecarKeyService sidecarKeys, ProjectSettings projectSettings, LiveSessions liveSessions,
                       AttestationService attestation, SessionService sessions, AtomIngestor atoms, TurnService turns,
                       InterruptionRecorder interruptions, ActionVerbs verbs, SecretBox secrets,
                       WebhookService webhooks, PlatformService platforms, RatifyRegistry registry,
                       EventBus events, EventStreams streams, VoiceModule voice) {

    /** Services without an issuer key, TSAs or secret key (CLI paths that never end a session or seal a secret). */
    public static Services create(Database db, Clock clock, SecureRandom random) {
        return create(db, clock, random, null, TimestampClient.over(List.of(), random, clock),
                SecretBox.unavailable());
    }

    /**
     * @param issuerKeys the key ring that signs artifacts and exports (null: signing is unavailable)
     * @param timestamps the TSAs that stamp artifacts
     * @param secrets    the install's key for stored webhook and platform secrets
     */
    public static Services create(Database db, Clock clock, SecureRandom random, KeyRing issuerKeys,
                                  TimestampClient timestamps, SecretBox secrets) {
        return create(db, clock, random, issuerKeys, null, timestamps, secrets, EgressGuard.strict());
    }

    /**
     * @param issuerKeys  the key ring that signs artifacts and exports (null: signing is unavailable)
     * @param verifierKey the install's Ratify key that signs verification receipts (null: unavailable)
     * @param timestamps  the TSAs that stamp artifacts
     * @param secrets     the install's key for stored webhook and platform secrets
     * @param targets     the guard that judges tenant-supplied URLs (webhook endpoints, platform callbacks)
     */
    public static Services create(Database db, Clock clock, SecureRandom random, KeyRing issuerKeys,
                                  dev.herald.ratify.HybridKeyPair verifierKey, TimestampClient timestamps,
                                  SecretBox secrets, EgressGuard targets) {
        return create(db, clock, random, issuerKeys, verifierKey, timestamps, secrets, targets, RealtimeExtensions.NONE,
                VoiceSettings.DEFAULT);
    }

    /**
     * Session hooks added after the built-in ones, for embedders and tests; like those, they are
     * fixed once the services are built.
     */
    public record RealtimeExtensions(List<StartAuthorization> startAuthorizations, List<TurnGate> turnGates) {
        public static final RealtimeExtensions NONE = new RealtimeExtensions(List.of(), List.of());

        public RealtimeExtensions {
            startAuthorizations = List.copyOf(startAuthorizations);
            turnGates = List.copyOf(turnGates);
        }
    }

    /**
     * Builds every service in dependency order. The realtime session hooks are handed to the
     * session and turn services here and fixed from then on.
     */
    public static Services create(Database db, Clock clock, SecureRandom random, KeyRing issuerKeys,
                                  dev.herald.ratify.HybridKeyPair verifierKey, TimestampClient timestamps,
                                  SecretBox secrets, EgressGuard targets, RealtimeExtensions extensions,
                                  VoiceSettings voiceSettings) {
        Ids ids = new Ids(clock, random);
        ObjectMapper mapper = JsonMapping.create();
        // Not started here: the server starts it as a worker; CLI paths only publish.
        EventBus events = EventBus.on(db);
        WorkspaceService workspaces = new WorkspaceService(db, ids, clock);
        ProjectService projects = new ProjectService(db, ids, clock);
        ApiKeyService apiKeys = new ApiKeyService(db, ids, clock, random, events);
        ProjectScope scope = new ProjectScope(projects);
        PolicyService policies = new PolicyService(db, ids, clock, mapper);
        SidecarKeyService sidecarKeys = new SidecarKeyService(db, clock);
        ProjectSettings settings = new ProjectSettings(db, clock);
        WebhookService webhooks = new WebhookService(db, ids, clock, random, secrets, mapper, targets, events,
                VoiceModule.WEBHOOK_EVENTS);
        PlatformService platforms = new PlatformService(db, ids, clock, random, secrets, mapper, projects, apiKeys, webhooks);
        // Realtime owns the session rows and chains; identity and attest take part through its hooks.
        SessionStore sessionStore = new SessionStore(db, mapper);
        SessionLedger ledger = new SessionLedger(db, ids, clock, mapper);
        LiveSessions live = new LiveSessions(sessionStore, ledger);
        RevocationRegistry revocations = new RevocationRegistry(db, clock, events,
                List.of(VoiceIdentity.revocationListener(clock, mapper, secrets, webhooks, live)));
        RatifyService ratify = new RatifyService(new ChallengeRecords(db), revocations, clock, random, verifierKey);
        ProjectLedger projectLedger = new ProjectLedger(db, clock, mapper);
        AttestationService attestation = new AttestationService(db, new SessionArchive(db, sessionStore, ledger),
                projectLedger, issuerKeys, timestamps, clock, mapper);
        VoiceIdentity identity = new VoiceIdentity(db, clock, random, mapper, secrets, ratify, platforms, webhooks, live);
        List<StartAuthorization> starts = new ArrayList<>(List.of(identity.startAuthorization()));
        starts.addAll(extensions.startAuthorizations());
        List<TurnGate> gates = new ArrayList<>(List.of(identity.turnGate()));
        gates.addAll(extensions.turnGates());
        SessionService sessions = new SessionService(db, ids, clock, mapper, sessionStore, ledger, policies, webhooks,
                new SessionHooks(starts, identity.parties(),
                        List.of((h, closed) -> projectLedger.close(h, closed.projectId(), closed.sessionId(),
                                closed.eventType(), closed.headHash())),
                        attestation::assembleCanonical));
        SidecarIntake intake = new SidecarIntake(sessionStore, ledger, sidecarKeys, settings,
                new AtomVerifier(new Ed25519Batch()), new IdempotentWrites(db));
        JsonBody json = new JsonBody(mapper);
        Idempotency idempotency = new Idempotency(db, mapper, clock);
        EventStreams streams = new EventStreams(events);
        RatifyRegistry registry = new RatifyRegistry(db, clock, mapper);
        AtomIngestor atoms = new AtomIngestor(db, clock, mapper, intake);
        TurnService turns = new TurnService(db, ids, clock, mapper, sessionStore, ledger, sessions, gates);
        VoiceModule voice = new VoiceModule(new VoiceModule.Deps(db, clock, random, ids, mapper, json, idempotency,
                projects, webhooks, events, streams, secrets, ratify, registry, policies, sidecarKeys, sessions, atoms,
                turns, attestation, voiceSettings, apiKeys));
        return new Services(db, clock, random, ids, mapper, json,
                idempotency, workspaces, projects, apiKeys,
                new Bootstrap(workspaces, projects, apiKeys), ratify,
                scope, policies, sidecarKeys, settings, live, attestation, sessions,
                atoms, turns,
                new InterruptionRecorder(db, clock, mapper, intake),
                ActionVerbs.standard(),
                secrets, webhooks, platforms, registry, events,
                streams, voice);
    }
}
