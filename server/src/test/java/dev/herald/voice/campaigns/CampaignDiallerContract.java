package dev.herald.voice.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.StoreExtension;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.campaign.CampaignProgress;
import dev.herald.voice.core.campaign.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dialler against a real store on a clock the test moves: pacing, retries with their spacing,
 * pause / resume / cancel, refusals and deferrals, completion with its webhook, and results.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CampaignDiallerContract {
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration POLL = Duration.ofSeconds(1);
    MutableClock clock;
    CampaignFixture node;
    String ws;

    abstract StoreExtension store();

    @BeforeAll
    void open() {
        clock = CampaignFixture.mutableClock();
        node = new CampaignFixture(store().databaseUrl(), clock, new TestReferences());
    }

    @AfterAll
    void close() {
        node.close();
    }

    @BeforeEach
    void workspace() {
        ws = "ws_" + UUID.randomUUID().toString().replace("-", "");
    }

    List<String> leads(int n) {
        String prefix = "lead_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        List<String> ids = IntStream.rangeClosed(1, n).mapToObj(i -> prefix + i).toList();
        node.references.leads.addAll(ids);
        return ids;
    }

    /** Runs the dialler, moving the clock by {@code step} after each pass, until {@code done} holds. */
    Campaign runUntil(CampaignDialler dialler, String id, Duration step, int maxPasses, Predicate<Campaign> done) {
        for (int i = 0; i < maxPasses; i++) {
            dialler.runOnce();
            Campaign c = node.campaigns.get(ws, id);
            if (done.test(c)) {
                return c;
            }
            clock.advance(step);
        }
        throw new AssertionError("not done after " + maxPasses + " passes: " + node.campaigns.get(ws, id));
    }

    static Predicate<Campaign> state(String s) {
        return c -> c.state().equals(s);
    }

    @Test
    void pacing_neverMoreLiveCallsThanTheLimit_andDialsSpacedByTheGap() {
        List<String> leads = leads(12);
        ScriptedCallPlacer placer = node.placer(Duration.ofSeconds(10), (lead, n) -> CallOutcome.QUALIFIED);
        CampaignDialler dialler = node.dialler("a", placer, LEASE, POLL);
        Campaign c = node.campaigns.create(ws, CampaignFixture.request(leads, 3, 60, null, null));
        assertThat(c.state()).isEqualTo("running");

        Campaign done = runUntil(dialler, c.id(), Duration.ofMillis(500), 400, state("completed"));

        assertThat(placer.maxLive()).isEqualTo(3);
        List<ScriptedCallPlacer.Placed> dials = placer.placed();
        assertThat(dials).hasSize(12);
        for (int i = 1; i < dials.size(); i++) {
            assertThat(Duration.between(dials.get(i - 1).at(), dials.get(i).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(dials).extracting(ScriptedCallPlacer.Placed::leadId).containsExactlyElementsOf(leads);
        assertThat(done.progress().byState().get("done")).isEqualTo(12);
        assertThat(done.progress().byOutcome().get("qualified")).isEqualTo(12);
        assertThat(done.dialsPlaced()).isEqualTo(12);
    }

    @Test
    void aFastPace_keepsOneLookPlacingDialsAtTheirSlots_neverAheadOfThePace() {
        // Real time here: the look waits for each slot (100 ms apart) instead of ending after one dial.
        try (CampaignFixture realTime = new CampaignFixture(store().databaseUrl(), java.time.Clock.systemUTC(),
                node.references)) {
            List<String> leads = leads(40);
            ScriptedCallPlacer placer = realTime.placer(Duration.ofMinutes(5), (lead, n) -> CallOutcome.QUALIFIED);
            CampaignDialler dialler = realTime.dialler("fast", placer, LEASE, POLL);
            Campaign c = realTime.campaigns.create(ws, CampaignFixture.request(leads, 40, 600, null, null));

            dialler.runOnce();

            List<ScriptedCallPlacer.Placed> dials = placer.placed();
            assertThat(dials.size()).as("dials placed by one look at 600 a minute").isGreaterThan(2);
            Duration span = Duration.between(dials.get(0).at(), dials.get(dials.size() - 1).at());
            assertThat(span).as("the pace, never a burst").isGreaterThanOrEqualTo(Duration.ofMillis(100L * (dials.size() - 2)));
            assertThat(realTime.campaigns.get(ws, c.id()).dialsPlaced()).isEqualTo(dials.size());
            realTime.campaigns.cancel(ws, c.id());
        }
    }

    @Test
    void retries_followEachOutcomesSpacingAndLimit() {
        List<String> leads = leads(4);
        String noAnswer = leads.get(0), busyThenYes = leads.get(1), voicemail = leads.get(2), yes = leads.get(3);
        ScriptedCallPlacer placer = node.placer(Duration.ofMinutes(1), (lead, n) -> {
            if (lead.equals(noAnswer)) {
                return CallOutcome.NO_ANSWER;
            }
            if (lead.equals(busyThenYes)) {
                return n == 1 ? CallOutcome.BUSY : CallOutcome.QUALIFIED;
            }
            return lead.equals(voicemail) ? CallOutcome.VOICEMAIL : CallOutcome.QUALIFIED;
        });
        RetryJson retry = new RetryJson(new RetryJson.Rule(3, 60), new RetryJson.Rule(3, 15),
                new RetryJson.Rule(2, 120), null);
        CampaignDialler dialler = node.dialler("a", placer, LEASE, POLL);
        Campaign c = node.campaigns.create(ws, CampaignFixture.request(leads, 4, 60, retry, null));

        Campaign done = runUntil(dialler, c.id(), Duration.ofMinutes(1), 400, x -> {
            assertThat(storedProgress(x.id())).isEqualTo(coreProgress(x.id()));
            return x.state().equals("completed");
        });

        assertSpacing(placer.placedFor(noAnswer), 3, Duration.ofMinutes(60));
        assertSpacing(placer.placedFor(busyThenYes), 2, Duration.ofMinutes(15));
        assertSpacing(placer.placedFor(voicemail), 2, Duration.ofMinutes(120));
        assertThat(placer.placedFor(yes)).hasSize(1);
        assertThat(done.progress().byState()).containsEntry("done", 2).containsEntry("exhausted", 2);
        assertThat(done.progress().byOutcome()).containsEntry("no_answer", 1).containsEntry("voicemail", 1)
                .containsEntry("qualified", 2);
        assertThat(placer.requests().values()).allMatch(n -> n == 1);
    }

    /** The progress the API shows, counted in SQL from the leads' stored standing. */
    CampaignProgress storedProgress(String id) {
        return node.db.read(h -> node.campaigns.progress(h, id));
    }

    /** The core's own count over the same leads' full histories. */
    CampaignProgress coreProgress(String id) {
        RetryPolicy policy = node.db.read(h -> node.campaigns.find(h, ws, id)).retry();
        return CampaignProgress.of(node.db.read(h -> CampaignLeads.load(h, id)).histories(), policy, clock.instant());
    }

    private static void assertSpacing(List<ScriptedCallPlacer.Placed> dials, int count, Duration spacing) {
        assertThat(dials).hasSize(count);
        for (int i = 1; i < dials.size(); i++) {
            assertThat(dials.get(i).attempt()).isEqualTo(i + 1);
            assertThat(Duration.between(dials.get(i - 1).endsAt(), dials.get(i).at())).isGreaterThanOrEqualTo(spacing)
                    .isLessThan(spacing.plusMinutes(3));
        }
    }

    @Test
    void pause_stopsNewDials_liveCallsStillEnd_resume_continuesToTheEnd() {
        List<String> leads = leads(8);
        ScriptedCallPlacer placer = node.placer(Duration.ofSeconds(30), (lead, n) -> CallOutcome.UNQUALIFIED);
        CampaignDialler dialler = node.dialler("a", placer, LEASE, POLL);
        Campaign c = node.campaigns.create(ws, CampaignFixture.request(leads, 2, 60, null, null));
        runUntil(dialler, c.id(), Duration.ofSeconds(1), 10, x -> x.dialsPlaced() >= 2);

        Campaign paused = node.campaigns.pause(ws, c.id());
        assertThat(paused.state()).isEqualTo("paused");
        int before = placer.placed().size();
        for (int i = 0; i < 120; i++) {
            dialler.runOnce();
            clock.advance(Duration.ofSeconds(1));
        }
        dialler.runOnce();
        assertThat(placer.placed()).hasSize(before);
        Campaign afterPause = node.campaigns.get(ws, c.id());
        assertThat(afterPause.progress().byState().get("dialling")).isZero(); // live calls ran to their end
        assertThat(afterPause.progress().byOutcome().get("unqualified")).isEqualTo(before);
        assertThatThrownBy(() -> node.campaigns.pause(ws, c.id())).isInstanceOf(Conflict.class);

        node.campaigns.resume(ws, c.id());
        Campaign done = runUntil(dialler, c.id(), Duration.ofSeconds(1), 600, state("completed"));
        assertThat(placer.placed()).hasSize(8);
        assertThat(done.progress().byOutcome().get("unqualified")).isEqualTo(8);
    }

    @Test
    void cancel_stopsDiallingForGood() {
        List<String> leads = leads(6);
        ScriptedCallPlacer placer = node.placer(Duration.ofSeconds(5), (lead, n) -> CallOutcome.QUALIFIED);
        CampaignDialler dialler = node.dialler("a", placer, LEASE, POLL);
        Campaign c = node.campaigns.create(ws, CampaignFixture.request(leads, 1, 60, null, null));
        runUntil(dialler, c.id(), Duration.ofSeconds(1), 10, x -> x.dialsPlaced() >= 1);

        assertThat(node.campaigns.cancel(ws, c.id()).state()).isEqualTo("cancelled");
        for (int i = 0; i < 60; i++) {
            dialler.runOnce();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(placer.placed()).hasSize(1);
        Campaign cancelled = node.campaigns.get(ws, c.id());
        assertThat(cancelled.state()).isEqualTo("cancelled");
        assertThat(cancelled.progress().byOutcome().get("qualified")).isEqualTo(1); // the live call was still followed
        assertThatThrownBy(() -> node.campaigns.resume(ws, c.id())).isInstanceOf(Conflict.class)
                .hasMessageContaining("cancelled");
        assertThatThrownBy(() -> node.campaigns.cancel(ws, c.id())).isInstanceOf(Conflict.class);
    }

    @Test
    void completion_queuesTheCampaignCompletedWebhookExactlyOnce() {
        node.webhooks.create(ws, new WebhookService.EndpointSpec("https://hooks.example.com/herald", "campaigns",
                List.of(CampaignService.COMPLETED_EVENT), null));
        List<String> leads = leads(3);
        ScriptedCallPlacer placer = node.placer(Duration.ofSeconds(5), (lead, n) -> CallOutcome.QUALIFIED);
        CampaignDialler dialler = node.dialler("a", placer, LEASE, POLL);
        Campaign c = node.campaigns.create(ws, CampaignFixture.request(leads, 3, 600, null, null));
        runUntil(dialler, c.id(), Duration.ofSeconds(1), 100, state("completed"));
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            dialler.runOnce();
        }
        var deliveries = node.webhooks.deliveries(ws, null, null, new PageRequest(100, null)).data();
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.getFirst().eventType()).isEqualTo("campaign.completed");
        assertThat(deliveries.getFirst().payload()).contains(c.id()).contains("\"qualified\":3");
        assertThat(node.campaigns.get(ws, c.id()).completedAt()).isNotNull();
    }

    @Test
    void refusedLeadsCloseWithoutADial_deferredLeadsWaitForTheirWindow() {
        List<String> leads = leads(3);
        ScriptedCallPlacer placer = node.placer(Duration.ofSeconds(5), (lead, n) -> CallOutcome.QUALIFIED);
        placer.refuse.add(leads.get(0));
        Instant opens = clock.instant().plus(Duration.ofHours(2));
        placer.deferUntil.put(leads.get(1), opens);
        CampaignDialler dialler = node.dialler("a", placer, LEASE, POLL);
        Campaign c = node.campaigns.create(ws, CampaignFixture.request(leads, 3, 600, null, null));
        runUntil(dialler, c.id(), Duration.ofSeconds(1), 30, x -> x.progress().byState().get("done") == 1);
        Campaign mid = node.campaigns.get(ws, c.id());
        assertThat(mid.progress().byState()).containsEntry("refused", 1).containsEntry("waiting", 1);
        var results = node.campaigns.results(ws, c.id(), new PageRequest(10, null)).data();
        assertThat(results.get(0).state()).isEqualTo("refused");
        assertThat(results.get(0).refusedAs()).isEqualTo("do_not_call");
        assertThat(results.get(0).attempts()).isZero();
        assertThat(results.get(0).callIds()).hasSize(1);
        assertThat(results.get(1).state()).isEqualTo("waiting");
        assertThat(results.get(1).nextDueAt()).isEqualTo(opens.toString());

        Campaign done = runUntil(dialler, c.id(), Duration.ofMinutes(1), 200, state("completed"));
        ScriptedCallPlacer.Placed deferred = placer.placedFor(leads.get(1)).getFirst();
        assertThat(deferred.at()).isAfterOrEqualTo(opens);
        assertThat(deferred.attempt()).isEqualTo(1); // a deferral does not use an attempt up
        assertThat(placer.placedFor(leads.get(0))).isEmpty();
        assertThat(done.progress().byOutcome()).containsEntry("do_not_call", 1).containsEntry("qualified", 2);
        LeadResult waited = node.campaigns.results(ws, c.id(), new PageRequest(10, null)).data().get(1);
        assertThat(waited.refusalReason()).isNull();
        assertThat(waited.latestOutcome()).isEqualTo("qualified");
    }

    @Test
    void results_areCursorPagedInListOrder_withAttemptsCallIdsAndVerdicts() {
        List<String> leads = leads(5);
        ScriptedCallPlacer placer = node.placer(Duration.ofSeconds(5),
                (lead, n) -> lead.equals(leads.get(2)) && n == 1 ? CallOutcome.BUSY : CallOutcome.QUALIFIED);
        CampaignDialler dialler = node.dialler("a", placer, LEASE, POLL);
        Campaign c = node.campaigns.create(ws, CampaignFixture.request(leads, 5, 600,
                new RetryJson(null, new RetryJson.Rule(2, 0), null, null), null));
        runUntil(dialler, c.id(), Duration.ofSeconds(1), 100, state("completed"));

        var first = node.campaigns.results(ws, c.id(), new PageRequest(2, null));
        assertThat(first.hasMore()).isTrue();
        assertThat(first.data()).extracting(LeadResult::leadId).containsExactly(leads.get(0), leads.get(1));
        var second = node.campaigns.results(ws, c.id(), new PageRequest(2, decode(first.nextCursor())));
        assertThat(second.data()).extracting(LeadResult::leadId).containsExactly(leads.get(2), leads.get(3));
        LeadResult retried = second.data().getFirst();
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(retried.callIds()).hasSize(2);
        assertThat(retried.latestOutcome()).isEqualTo("qualified");
        assertThat(retried.verdict().qualified()).isTrue();
        var last = node.campaigns.results(ws, c.id(), new PageRequest(2, decode(second.nextCursor())));
        assertThat(last.hasMore()).isFalse();
        assertThat(last.data()).extracting(LeadResult::leadId).containsExactly(leads.get(4));
    }

    /** The id a page's cursor continues after (what PageRequest.from would read from ?cursor=). */
    static String decode(String cursor) {
        String s = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
        return s.substring(s.indexOf(':') + 1);
    }

    @Test
    void aScheduledCampaignStartsAtItsStartTime() {
        List<String> leads = leads(2);
        ScriptedCallPlacer placer = node.placer(Duration.ofSeconds(5), (lead, n) -> CallOutcome.QUALIFIED);
        CampaignDialler dialler = node.dialler("a", placer, LEASE, POLL);
        Instant start = clock.instant().plus(Duration.ofMinutes(10));
        Campaign c = node.campaigns.create(ws, CampaignFixture.request(leads, 2, 600, null, start.toString()));
        assertThat(c.state()).isEqualTo("scheduled");
        for (int i = 0; i < 9; i++) {
            dialler.runOnce();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(placer.placed()).isEmpty();
        Campaign done = runUntil(dialler, c.id(), Duration.ofSeconds(30), 100, state("completed"));
        assertThat(placer.placed()).allMatch(p -> !p.at().isBefore(start));
        assertThat(done.progress().byOutcome().get("qualified")).isEqualTo(2);
    }

    /**
     * What the service answers, as the server would serialize it, matches the OpenAPI document
     * (the routes' happy path runs over HTTP once the ports are wired; until then this holds the shapes).
     */
    @Test
    void answersMatchTheOpenApiDocument() {
        List<String> leads = leads(4);
        ScriptedCallPlacer placer = node.placer(Duration.ofSeconds(5),
                (lead, n) -> lead.equals(leads.get(2)) && n == 1 ? CallOutcome.NO_ANSWER : CallOutcome.QUALIFIED);
        placer.refuse.add(leads.get(0));
        placer.deferUntil.put(leads.get(3), clock.instant().plus(Duration.ofHours(1)));
        CampaignDialler dialler = node.dialler("a", placer, LEASE, POLL);
        Campaign c = node.campaigns.create(ws, new CreateCampaign(leads, null, TestReferences.OBJECTIVE,
                TestReferences.PROFILE, TestReferences.CALENDAR, 2, 60, null, null,
                clock.instant().plusSeconds(1).toString()));
        var validator = dev.herald.server.testing.OpenApiValidator.herald();
        validator.validate("POST", "/api/v1/voice/campaigns", response(201, c));
        runUntil(dialler, c.id(), Duration.ofSeconds(1), 30, x -> x.progress().byState().get("waiting") == 2);
        validator.validate("GET", "/api/v1/voice/campaigns/" + c.id(), response(200, node.campaigns.get(ws, c.id())));
        validator.validate("GET", "/api/v1/voice/campaigns/" + c.id() + "/results",
                response(200, node.campaigns.results(ws, c.id(), new PageRequest(2, null))));
        runUntil(dialler, c.id(), Duration.ofMinutes(5), 300, state("completed"));
        validator.validate("GET", "/api/v1/voice/campaigns", response(200, node.campaigns.list(ws, new PageRequest(5, null))));
        validator.validate("GET", "/api/v1/voice/campaigns/" + c.id() + "/results",
                response(200, node.campaigns.results(ws, c.id(), new PageRequest(10, null))));
    }

    private dev.herald.server.testing.Http.Response response(int status, Object body) {
        try {
            return new dev.herald.server.testing.Http.Response(status, java.net.http.HttpHeaders.of(
                    Map.of("Content-Type", List.of("application/json")), (a, b) -> true),
                    node.mapper.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aLookRewritesOnlyTheLeadsWhoseStandingChanged() {
        List<String> leads = leads(30);
        ScriptedCallPlacer placer = node.placer(Duration.ofSeconds(5), (lead, n) -> CallOutcome.QUALIFIED);
        CampaignDialler dialler = node.dialler("a", placer, LEASE, POLL);
        long created = clock.millis();
        Campaign c = node.campaigns.create(ws, CampaignFixture.request(leads, 2, 1, null, null));
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(10));
            dialler.runOnce();
        }
        assertThat(placer.placed()).hasSize(2); // one a minute
        List<Long> untouched = node.db.read(h -> h.createQuery("SELECT updated_at FROM voice_campaign_leads "
                + "WHERE campaign_id = :c AND position > 2").bind("c", c.id()).mapTo(Long.class).list());
        assertThat(untouched).hasSize(28).containsOnly(created);
        node.campaigns.cancel(ws, c.id());
    }

    @Test
    void anotherWorkspacesCampaignIsNotFound() {
        Campaign c = node.campaigns.create(ws, CampaignFixture.request(leads(1), 1, 10, null, null));
        assertThatThrownBy(() -> node.campaigns.get("ws_other", c.id()))
                .isInstanceOf(dev.herald.platform.domain.NotFound.class);
        assertThatThrownBy(() -> node.campaigns.pause("ws_other", c.id()))
                .isInstanceOf(dev.herald.platform.domain.NotFound.class);
        assertThat(node.campaigns.list("ws_other", new PageRequest(10, null)).data()).isEmpty();
        assertThat(node.campaigns.list(ws, new PageRequest(10, null)).data()).extracting(Campaign::id)
                .containsExactly(c.id());
        node.campaigns.cancel(ws, c.id());
    }
}
