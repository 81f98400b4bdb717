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
import dev.herald.platform.auth.ProjectService;
import dev.herald.platform.events.EventBus;
import dev.herald.platform.events.EventStreams;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.platform.store.SecretBox;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.voice.calls.CallEventReader;
import dev.herald.voice.calls.CallListRoutes;
import dev.herald.voice.calls.CallMetrics;
import dev.herald.voice.calls.CallMetricsRoutes;
import dev.herald.voice.calls.CallQueries;
import dev.herald.voice.calls.CallStreamRoutes;
import dev.herald.voice.calls.RecordingLinks;
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
                       AtomIngestor atoms, TurnService turns, AttestationService attestation, VoiceSettings settings) {
    }

    private final List<Feature> features = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();

    public VoiceModule(Deps d) {
        // Each feature adds its services, routes and workers here, in dependency order.
        // calls (read side): lists, fetch, live streams, metrics. The recording port is the
        // recordings package's to answer; until it is wired every call says why it has none.
        RecordingLinks recordingLinks = (ws, callId) -> new RecordingLinks.Missing("recordings_not_configured");
        CallQueries callQueries = new CallQueries(d.db(), d.mapper(), recordingLinks);
        features.add(new CallListRoutes(callQueries));
        features.add(new CallStreamRoutes(callQueries, new CallEventReader(d.db(), d.mapper(), d.clock()), d.streams()));
        features.add(new CallMetricsRoutes(new CallMetrics(d.db()), d.clock()));
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
