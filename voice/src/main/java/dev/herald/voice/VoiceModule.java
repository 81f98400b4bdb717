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
import dev.herald.voice.calendar.CalendarRoutes;
import dev.herald.voice.calendar.CalendarService;
import dev.herald.voice.knowledge.KnowledgeRoutes;
import dev.herald.voice.knowledge.KnowledgeService;
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
    private final KnowledgeService knowledge;
    private final CalendarService calendar;

    public VoiceModule(Deps d) {
        // Each feature adds its services, routes and workers here, in dependency order.
        knowledge = new KnowledgeService(d.db(), d.clock(), d.ids());
        features.add(new KnowledgeRoutes(knowledge, d.json(), d.idempotency()));
        calendar = new CalendarService(d.db(), d.clock(), d.ids(), d.mapper(), "herald");
        features.add(new CalendarRoutes(calendar, d.json(), d.idempotency()));
    }

    /** The built-in calendar ({@code check_availability} / {@code book_meeting}'s {@link CalendarService#tool}). */
    public CalendarService calendar() {
        return calendar;
    }

    /** The knowledge corpus ({@code search_knowledge}'s {@link KnowledgeService#base}). */
    public KnowledgeService knowledge() {
        return knowledge;
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
