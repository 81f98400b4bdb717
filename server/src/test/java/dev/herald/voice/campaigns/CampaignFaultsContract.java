package dev.herald.voice.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platform.http.PageRequest;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.StoreExtension;
import dev.herald.voice.core.call.CallOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Faults: a dialler killed in the middle of a dial (before and after the call exists) and another
 * taking over once the lease expires; two diallers on one database working the same campaign at
 * once. In every case no (lead, attempt) is dialled twice, none is skipped, and the campaign
 * completes with its webhook queued once.
 */
abstract class CampaignFaultsContract {
    static final Duration LEASE = Duration.ofSeconds(30);

    abstract StoreExtension store();

    static List<String> leads(TestReferences refs, int n) {
        String prefix = "lead_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        List<String> ids = IntStream.rangeClosed(1, n).mapToObj(i -> prefix + i).toList();
        refs.leads.addAll(ids);
        return ids;
    }

    /** Every lead's second dial ends busy, so retries are in play: attempt 1 no answer, attempt 2 busy, then yes. */
    static CallOutcome script(String lead, int attempt) {
        int tail = Integer.parseInt(lead.substring(lead.lastIndexOf('_') + 1));
        if (tail % 3 == 0 && attempt == 1) {
            return CallOutcome.NO_ANSWER;
        }
        if (tail % 3 == 0 && attempt == 2) {
            return CallOutcome.BUSY;
        }
        return tail % 5 == 0 ? CallOutcome.UNQUALIFIED : CallOutcome.QUALIFIED;
    }

    static int expectedDials(String lead) {
        return Integer.parseInt(lead.substring(lead.lastIndexOf('_') + 1)) % 3 == 0 ? 3 : 1;
    }

    static final RetryJson FAST_RETRY = new RetryJson(new RetryJson.Rule(3, 0), new RetryJson.Rule(3, 0), null, null);

    @Test
    void killedBeforeThePlacerDialled_anotherNodeTakesOverAfterTheLease_noneSkippedNoneDoubled() throws Exception {
        killMidDial(false);
    }

    @Test
    void killedAfterTheCallWasMadeButBeforeItWasRecorded_theTakeoverFindsThatCall() throws Exception {
        killMidDial(true);
    }

    private void killMidDial(boolean afterInsert) throws Exception {
        MutableClock clock = CampaignFixture.mutableClock();
        TestReferences refs = new TestReferences();
        try (CampaignFixture a = new CampaignFixture(store().databaseUrl(), clock, refs);
             CampaignFixture b = new CampaignFixture(store().databaseUrl(), clock, refs)) {
            String ws = "ws_" + UUID.randomUUID().toString().replace("-", "");
            a.webhooks.create(ws, new WebhookService.EndpointSpec("https://hooks.example.com/x", null, null, null));
            List<String> leads = leads(refs, 9);
            ScriptedCallPlacer calls = a.placer(Duration.ofSeconds(20), CampaignFaultsContract::script);
            CountDownLatch stuck = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            AtomicInteger seen = new AtomicInteger();
            String victim = leads.get(4);
            calls.interruption = (dial, after) -> {
                if (after == afterInsert && dial.leadId().equals(victim) && seen.incrementAndGet() == 1
                        && Thread.currentThread().getName().equals("node-a")) {
                    stuck.countDown();
                    try {
                        never.await(); // node A is frozen here, mid-dial, until it is "killed"
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("node A was killed");
                }
            };
            CampaignDialler nodeA = a.dialler("node-a", calls, LEASE, Duration.ofSeconds(1));
            CampaignDialler nodeB = b.dialler("node-b", calls, LEASE, Duration.ofSeconds(1));
            Campaign c = a.campaigns.create(ws, CampaignFixture.request(leads, 3, 600, FAST_RETRY, null));

            Thread threadA = new Thread(() -> {
                while (stuck.getCount() > 0) {
                    nodeA.runOnce();
                    clock.advance(Duration.ofSeconds(1));
                }
            }, "node-a");
            threadA.start();
            assertThat(stuck.await(30, TimeUnit.SECONDS)).as("node A reached the victim's dial").isTrue();

            // While A's lease holds, B keeps off the campaign.
            int before = calls.placed().size();
            nodeB.runOnce();
            assertThat(calls.placed()).hasSize(before);
            clock.advance(LEASE.plusSeconds(1));
            for (int i = 0; i < 600 && !b.campaigns.get(ws, c.id()).state().equals("completed"); i++) {
                nodeB.runOnce();
                clock.advance(Duration.ofSeconds(1));
            }
            never.countDown();
            threadA.join(10_000);

            Campaign done = b.campaigns.get(ws, c.id());
            assertThat(done.state()).isEqualTo("completed");
            for (String lead : leads) {
                assertThat(calls.placedFor(lead)).as(lead).hasSize(expectedDials(lead));
            }
            assertThat(calls.rowsPerDial(c.id()).values()).allMatch(n -> n == 1);
            Map<String, Integer> asked = calls.requests();
            asked.forEach((key, n) -> assertThat(n).as(key).isEqualTo(key.endsWith(victim + ":1") ? 2 : 1));
            assertThat(done.progress().byState().get("done")).isEqualTo(9);
            assertThat(a.webhooks.deliveries(ws, null, null, new PageRequest(100, null)).data())
                    .filteredOn(d -> d.eventType().equals("campaign.completed")).hasSize(1);
        }
    }

    @Test
    void aDialLeftUnconfirmedInAPausedCampaignIsWithdrawn_andPlacedOnceAfterResume() throws Exception {
        MutableClock clock = CampaignFixture.mutableClock();
        TestReferences refs = new TestReferences();
        try (CampaignFixture a = new CampaignFixture(store().databaseUrl(), clock, refs);
             CampaignFixture b = new CampaignFixture(store().databaseUrl(), clock, refs)) {
            String ws = "ws_" + UUID.randomUUID().toString().replace("-", "");
            List<String> leads = leads(refs, 2);
            ScriptedCallPlacer calls = a.placer(Duration.ofSeconds(5), (lead, n) -> CallOutcome.QUALIFIED);
            CountDownLatch stuck = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            calls.interruption = (dial, after) -> {
                if (!after && Thread.currentThread().getName().equals("node-a")) {
                    stuck.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("node A was killed");
                }
            };
            CampaignDialler nodeA = a.dialler("node-a", calls, LEASE, Duration.ofSeconds(1));
            CampaignDialler nodeB = b.dialler("node-b", calls, LEASE, Duration.ofSeconds(1));
            Campaign c = a.campaigns.create(ws, CampaignFixture.request(leads, 1, 60, null, null));
            Thread threadA = new Thread(nodeA::runOnce, "node-a");
            threadA.start();
            assertThat(stuck.await(30, TimeUnit.SECONDS)).isTrue();

            b.campaigns.pause(ws, c.id());
            clock.advance(LEASE.plusSeconds(1));
            nodeB.runOnce();
            assertThat(calls.placed()).isEmpty();
            assertThat(b.campaigns.results(ws, c.id(), new PageRequest(10, null)).data())
                    .allSatisfy(r -> assertThat(r.attempts()).isZero());

            b.campaigns.resume(ws, c.id());
            for (int i = 0; i < 60 && !b.campaigns.get(ws, c.id()).state().equals("completed"); i++) {
                nodeB.runOnce();
                clock.advance(Duration.ofSeconds(1));
            }
            never.countDown();
            threadA.join(10_000);
            assertThat(b.campaigns.get(ws, c.id()).state()).isEqualTo("completed");
            for (String lead : leads) {
                assertThat(calls.placedFor(lead)).as(lead).hasSize(1);
            }
            assertThat(calls.rowsPerDial(c.id()).values()).allMatch(n -> n == 1);
        }
    }

    @Test
    void aNewCampaignWakesTheDiallerAtOnce_notAtItsNextPoll() throws Exception {
        TestReferences refs = new TestReferences();
        try (CampaignFixture a = new CampaignFixture(store().databaseUrl(), Clock.systemUTC(), refs)) {
            String ws = "ws_" + UUID.randomUUID().toString().replace("-", "");
            ScriptedCallPlacer calls = a.placer(Duration.ofSeconds(30), CampaignFaultsContract::script);
            CampaignDialler dialler = a.dialler("node-a", calls, LEASE, Duration.ofSeconds(20));
            dialler.start();
            try {
                Thread.sleep(300); // the first pass has run; the next poll is 20 s away
                long t0 = System.nanoTime();
                a.campaigns.create(ws, CampaignFixture.request(leads(refs, 1), 1, 60, null, null));
                while (calls.placed().isEmpty() && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5)) {
                    Thread.sleep(5);
                }
                assertThat(calls.placed()).hasSize(1);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            } finally {
                dialler.stop();
            }
        }
    }

    @Test
    void twoDiallersWorkingOneCampaignAtOnce_neverAskForOneDialTwice() throws Exception {
        Clock clock = Clock.systemUTC();
        TestReferences refs = new TestReferences();
        try (CampaignFixture a = new CampaignFixture(store().databaseUrl(), clock, refs);
             CampaignFixture b = new CampaignFixture(store().databaseUrl(), clock, refs)) {
            String ws = "ws_" + UUID.randomUUID().toString().replace("-", "");
            List<String> leads = leads(refs, 60);
            ScriptedCallPlacer calls = a.placer(Duration.ofMillis(40), CampaignFaultsContract::script);
            CampaignDialler nodeA = a.dialler("node-a", calls, Duration.ofSeconds(5), Duration.ofMillis(20));
            CampaignDialler nodeB = b.dialler("node-b", calls, Duration.ofSeconds(5), Duration.ofMillis(20));
            nodeA.start();
            nodeB.start();
            try {
                long t0 = System.nanoTime();
                Campaign c = a.campaigns.create(ws, CampaignFixture.request(leads, 6, 6000, FAST_RETRY, null));
                while (!a.campaigns.get(ws, c.id()).state().equals("completed")) {
                    assertThat(System.nanoTime() - t0).as("campaign finished in time")
                            .isLessThan(TimeUnit.SECONDS.toNanos(90));
                    Thread.sleep(50);
                }
                for (String lead : leads) {
                    assertThat(calls.placedFor(lead)).as(lead).hasSize(expectedDials(lead));
                }
                assertThat(calls.requests().values()).allMatch(n -> n == 1);
                assertThat(calls.rowsPerDial(c.id()).values()).allMatch(n -> n == 1);
                assertThat(calls.maxLive()).isLessThanOrEqualTo(6);
                Map<String, Integer> byNode = new java.util.TreeMap<>();
                a.db.read(h -> h.createQuery("SELECT node, COUNT(*) AS n FROM voice_campaign_dials "
                                + "WHERE campaign_id = :c GROUP BY node").bind("c", c.id())
                        .map((rs, ctx) -> byNode.put(rs.getString("node"), rs.getInt("n"))).list());
                System.out.println("two diallers, " + store().kind() + ": dials reserved per node " + byNode
                        + ", campaign of 60 leads done in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                assertThat(byNode).as("both nodes dialled").hasSize(2);
                assertThat(byNode.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(
                        leads.stream().mapToInt(CampaignFaultsContract::expectedDials).sum());
            } finally {
                nodeA.stop();
                nodeB.stop();
            }
        }
    }
}
