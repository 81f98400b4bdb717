package dev.herald.voice.campaigns;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.egress.EgressGuard;
import dev.herald.platform.events.EventBus;
import dev.herald.platform.http.JsonMapping;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.platform.store.SecretBox;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.server.testing.MutableClock;
import dev.herald.voice.core.call.CallOutcome;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/** One node's campaign services over a database, on a clock the test chooses. */
final class CampaignFixture implements AutoCloseable {
    final Database db;
    final Clock clock;
    final ObjectMapper mapper = JsonMapping.create();
    final EventBus events;
    final WebhookService webhooks;
    final TestReferences references;
    final CampaignService campaigns;

    CampaignFixture(String url, Clock clock, TestReferences references) {
        this.db = Database.open(url, 8, null);
        db.migrate();
        this.clock = clock;
        this.references = references;
        SecureRandom random = new SecureRandom();
        Ids ids = new Ids(clock, random);
        this.events = EventBus.on(db);
        events.start();
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.webhooks = new WebhookService(db, ids, clock, random, new SecretBox(key, random), mapper,
                EgressGuard.strict(), events, dev.herald.voice.VoiceModule.WEBHOOK_EVENTS);
        this.campaigns = new CampaignService(db, ids, clock, mapper, events, references);
    }

    static MutableClock mutableClock() {
        // A Wednesday at 12:00 UTC: inside the default calling window everywhere the tests look.
        return new MutableClock(Instant.parse("2026-03-04T12:00:00Z"));
    }

    ScriptedCallPlacer placer(Duration callLength, BiFunction<String, Integer, CallOutcome> script) {
        return new ScriptedCallPlacer(db, clock, callLength, script);
    }

    CampaignDialler dialler(String node, CallPlacer placer, Duration lease, Duration poll) {
        return new CampaignDialler(db, mapper, clock, events, placer, webhooks, node, lease, poll);
    }

    /** A request over {@code leads} with the test profile and objective; the rest as given (null: default). */
    static CreateCampaign request(List<String> leads, Integer maxConcurrent, Integer perMinute, RetryJson retry,
                                  String startAt) {
        return new CreateCampaign(leads, "test campaign", TestReferences.OBJECTIVE, TestReferences.PROFILE, null,
                maxConcurrent, perMinute, null, retry, startAt);
    }

    @Override
    public void close() {
        events.stop();
        db.close();
    }
}
