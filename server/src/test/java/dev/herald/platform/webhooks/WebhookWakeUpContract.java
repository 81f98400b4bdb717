package dev.herald.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.evidence.tsa.TimestampClient;
import dev.herald.platform.auth.Workspace;
import dev.herald.platform.egress.EgressClient;
import dev.herald.platform.egress.EgressGuard;
import dev.herald.platform.egress.HostResolver;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.SecretBox;
import dev.herald.server.Services;
import dev.herald.server.testing.StoreExtension;
import dev.herald.server.testing.WebhookReceiver;
import dev.herald.server.testing.WebhookReceiver.Answer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * When the dispatcher looks: woken by the bus when a message is queued (on PostgreSQL by another
 * node: a second pool and services over the same database), woken when a retry it scheduled is
 * due, and polling as a safety net. Dispatchers here poll once an hour unless the test is about
 * the poll, so anything sent within a second was sent because something woke them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookWakeUpContract {
    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration PROMPTLY = Duration.ofSeconds(1);
    private static final EgressGuard LOCAL_TARGETS = new EgressGuard(true, HostResolver.system());
    private final SecureRandom random = new SecureRandom();
    private final byte[] installKey = new byte[32];
    private Database nodeADb;
    private Database nodeBDb;
    private Services nodeA;
    private Services nodeB;
    private WebhookReceiver receiver;
    private String workspace;

    abstract StoreExtension store();

    @BeforeAll
    void open() {
        random.nextBytes(installKey);
        nodeADb = Database.open(store().databaseUrl(), 4, null);
        nodeADb.migrate();
        nodeA = services(nodeADb);
        nodeA.events().start();
        if (store().kind() == StoreExtension.Kind.POSTGRESQL) {
            nodeBDb = Database.open(store().databaseUrl(), 4, null);
            nodeB = services(nodeBDb);
            nodeB.events().start();
        } else {
            // A SQLite store is served by one process: "node B" is node A.
            nodeB = nodeA;
        }
    }

    private Services services(Database db) {
        Clock clock = Clock.systemUTC();
        return Services.create(db, clock, random, null, null, TimestampClient.over(List.of(), random, clock),
                new SecretBox(installKey, random), LOCAL_TARGETS);
    }

    @AfterAll
    void close() {
        nodeA.events().stop();
        nodeADb.close();
        if (nodeBDb != null) {
            nodeB.events().stop();
            nodeBDb.close();
        }
    }

    @BeforeEach
    void freshTenant() {
        receiver = new WebhookReceiver();
        Workspace ws = nodeA.workspaces().findOrCreate("ws-" + UUID.randomUUID());
        workspace = ws.id();
        nodeA.webhooks().create(workspace, new WebhookService.EndpointSpec(receiver.url(), "wake", null, null));
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
        nodeADb.write(h -> h.createUpdate("UPDATE webhook_endpoints SET status = 'disabled'").execute());
    }

    private WebhookDispatcher dispatcherOnNodeB(Duration poll) {
        return new WebhookDispatcher(nodeB.db(), nodeB.webhooks(), nodeB.events(),
                EgressClient.withDefaultTrust(LOCAL_TARGETS), Clock.systemUTC(), new RetrySchedule(random), poll);
    }

    private String enqueueOnNodeA() {
        return nodeADb.write(h -> nodeA.webhooks().enqueue(h, workspace, null, "session.ended", Map.of()))
                .getFirst();
    }

    private void awaitReceived(int n, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (receiver.received().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void aMessageQueuedOnAnotherNodeIsSentAtOnceNotAtTheNextPoll() throws InterruptedException {
        try (WebhookDispatcher d = dispatcherOnNodeB(NEVER)) {
            d.start();
            Thread.sleep(100);
            for (int i = 1; i <= 3; i++) {
                String id = enqueueOnNodeA();
                awaitReceived(i, PROMPTLY);
                assertThat(receiver.received()).hasSize(i);
                assertThat(receiver.received().getLast().header("webhook-id")).isEqualTo(id);
            }
        }
    }

    @Test
    void aRedeliveryWakesTheDispatcherAtOnce() throws InterruptedException {
        try (WebhookDispatcher d = dispatcherOnNodeB(NEVER)) {
            d.start();
            String id = enqueueOnNodeA();
            awaitReceived(1, PROMPTLY);
            awaitStatus(id, WebhookDelivery.SUCCEEDED);
            nodeA.webhooks().redeliver(workspace, id);
            awaitReceived(2, PROMPTLY);
            assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).containsExactly(id, id);
        }
    }

    @Test
    void aRetryWakesTheDispatcherThatScheduledItWhenItIsDue() throws InterruptedException {
        receiver.answerNext(new Answer(503, Map.of("Retry-After", "1")));
        try (WebhookDispatcher d = dispatcherOnNodeB(NEVER)) {
            d.start();
            String id = enqueueOnNodeA();
            awaitReceived(1, PROMPTLY);
            long firstAt = System.nanoTime();
            awaitReceived(2, Duration.ofSeconds(5));
            assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).containsExactly(id, id);
            assertThat(Duration.ofNanos(System.nanoTime() - firstAt)).isBetween(Duration.ofMillis(900),
                    Duration.ofSeconds(3));
        }
    }

    @Test
    void thePollFindsADueMessageThatNoEventAnnounced() throws InterruptedException {
        try (WebhookDispatcher d = dispatcherOnNodeB(Duration.ofMillis(200))) {
            d.start();
            String id = enqueueOnNodeA();
            awaitReceived(1, PROMPTLY);
            awaitStatus(id, WebhookDelivery.SUCCEEDED);
            // Queued again behind the bus's back, as if its event had been lost.
            nodeADb.write(h -> h.createUpdate("UPDATE webhook_deliveries SET status = 'pending', "
                            + "next_attempt_at = :now, completed_at = NULL WHERE id = :id")
                    .bind("now", System.currentTimeMillis()).bind("id", id).execute());
            awaitReceived(2, Duration.ofSeconds(2));
            assertThat(receiver.received()).hasSize(2);
        }
    }

    private void awaitStatus(String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!nodeA.webhooks().delivery(workspace, id).status().equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(nodeA.webhooks().delivery(workspace, id).status()).isEqualTo(status);
    }
}
