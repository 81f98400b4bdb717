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
import dev.herald.voice.campaigns.CallPlacer;
import dev.herald.voice.campaigns.CampaignDialler;
import dev.herald.voice.campaigns.CampaignReferences;
import dev.herald.voice.campaigns.CampaignRoutes;
import dev.herald.voice.campaigns.CampaignService;
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

    /**
     * The webhook event types the voice module emits, for WebhookService's list of accepted types
     * (H-calls adds the call events and the hand-over to WebhookService).
     */
    public static final List<String> WEBHOOK_EVENT_TYPES = List.of(CampaignService.COMPLETED_EVENT);

    private final List<Feature> features = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();

    public VoiceModule(Deps d) {
        // Each feature adds its services, routes and workers here, in dependency order.

        // Campaigns. Its two ports are wired at merge: CallPlacer to calls.CallService (place, get),
        // CampaignReferences to crm.LeadService, profiles.ProfileService and calendar.CalendarService.
        CallPlacer placer = UnwiredPorts.PLACER;
        CampaignReferences references = UnwiredPorts.REFERENCES;
        CampaignService campaigns = new CampaignService(d.db(), d.ids(), d.clock(), d.mapper(), d.events(), references);
        features.add(new CampaignRoutes(campaigns, d.json(), d.idempotency()));
        workers.add(new CampaignDialler(d.db(), d.mapper(), d.clock(), d.events(), placer, d.webhooks()));
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
