package dev.herald.platform.webhooks;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.Services;
import dev.herald.platform.auth.Workspace;
import dev.herald.platform.egress.EgressClient;
import dev.herald.platform.egress.EgressGuard;
import dev.herald.platform.egress.HostResolver;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.SecretBox;
import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.StandardWebhooks;
import dev.herald.server.testing.StoreExtension;
import dev.herald.server.testing.WebhookReceiver;
import dev.herald.server.testing.WebhookReceiver.Answer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The outbox and the dispatcher against a real database and a real local HTTP receiver, with a
 * clock the test moves. Signatures are checked with the Standard Webhooks library or with an HMAC
 * written from the spec in the test, never with Herald's signer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookDeliveryContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final byte[] installKey = new byte[32];
    private final MutableClock clock = new MutableClock(Instant.now());
    private Database db;
    private Services services;
    private WebhookService webhooks;
    private WebhookReceiver receiver;
    private String workspace;

    abstract StoreExtension store();

    @BeforeAll
    void open() {
        random.nextBytes(installKey);
        db = Database.open(store().databaseUrl(), 4, null);
        db.migrate();
        services = newServices(db);
        webhooks = services.webhooks();
    }

    /** The receivers listen on 127.0.0.1, so these tests turn the development setting on explicitly. */
    private static final EgressGuard LOCAL_TARGETS = new EgressGuard(true, HostResolver.system());

    private Services newServices(Database database) {
        return newServices(database, LOCAL_TARGETS);
    }

    private Services newServices(Database database, EgressGuard targets) {
        return Services.create(database, clock, random, null, null,
                dev.herald.evidence.tsa.TimestampClient.over(List.of(), random, clock), new SecretBox(installKey, random),
                targets);
    }

    @AfterAll
    void close() {
        db.close();
    }

    @BeforeEach
    void freshTenant() {
        clock.set(Instant.now());
        receiver = new WebhookReceiver();
        Workspace ws = services.workspaces().findOrCreate("ws-" + UUID.randomUUID());
        workspace = ws.id();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
        // Tests share the database: park this test's leftovers so later passes do not pick them up.
        db.write(h -> h.createUpdate("UPDATE webhook_endpoints SET status = 'disabled'").execute());
    }

    private WebhookDispatcher dispatcher() {
        return dispatcher(db, services);
    }

    private WebhookDispatcher dispatcher(Database database, Services on) {
        return new WebhookDispatcher(database, on.webhooks(), on.events(), EgressClient.withDefaultTrust(LOCAL_TARGETS),
                clock, new RetrySchedule(random), Duration.ofMillis(50));
    }

    private WebhookService.Created endpoint(List<String> types) {
        return webhooks.create(workspace, new WebhookService.EndpointSpec(receiver.url(), "test", types, null));
    }

    private String enqueueOne(String type, Map<String, Object> data) {
        List<String> ids = db.write(h -> webhooks.enqueue(h, workspace, null, type, data));
        assertThat(ids).hasSize(1);
        return ids.getFirst();
    }

    @Test
    void deliversASignedMessageThatTheStandardWebhooksLibraryAccepts() throws Exception {
        WebhookService.Created ep = endpoint(null);
        assertThat(ep.secret().reveal()).startsWith("whsec_");
        String id = enqueueOne("agent.revoked", Map.of("agent_id", "abc"));
        try (WebhookDispatcher d = dispatcher()) {
            assertThat(d.runOnce()).isEqualTo(1);
        }
        List<WebhookReceiver.Received> got = receiver.received();
        assertThat(got).hasSize(1);
        WebhookReceiver.Received r = got.getFirst();
        assertThat(r.header("webhook-id")).isEqualTo(id);
        assertThat(Long.parseLong(r.header("webhook-timestamp"))).isEqualTo(clock.instant().getEpochSecond());
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(StandardWebhooks.libraryAccepts(ep.secret().reveal(), r)).isTrue();
        assertThat(StandardWebhooks.libraryAccepts(WebhookSecret.generate(random).reveal(), r)).isFalse();
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("type").asText()).isEqualTo("agent.revoked");
        assertThat(body.path("data").path("agent_id").asText()).isEqualTo("abc");
        assertThat(webhooks.delivery(workspace, id).status()).isEqualTo(WebhookDelivery.SUCCEEDED);
    }

    @Test
    void aRolledBackStateChangeQueuesNothing() {
        endpoint(null);
        assertThatThrownBy(() -> db.write(h -> {
            webhooks.enqueue(h, workspace, null, "session.ended", Map.of("session_id", "s1"));
            throw new IllegalStateException("the state change failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(webhooks.deliveries(workspace, null, null, new PageRequest(20, null)).data()).isEmpty();
        try (WebhookDispatcher d = dispatcher()) {
            assertThat(d.runOnce()).isZero();
        }
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void endpointsReceiveOnlyTheirEventTypes() {
        endpoint(List.of("session.ended"));
        List<String> revoked = db.write(h -> webhooks.enqueue(h, workspace, null, "agent.revoked", Map.of()));
        List<String> ended = db.write(h -> webhooks.enqueue(h, workspace, null, "session.ended", Map.of()));
        assertThat(revoked).isEmpty();
        assertThat(ended).hasSize(1);
    }

    @Test
    void failuresAreRetriedOnTheScheduleForMoreThanADayThenGiveUp() {
        WebhookService.Created ep = endpoint(null);
        receiver.answerAlways(Answer.of(500));
        String id = enqueueOne("session.failed", Map.of("reason", "revoked"));
        Instant first = clock.instant();
        try (WebhookDispatcher d = dispatcher()) {
            assertThat(d.runOnce()).isEqualTo(1);
            for (int attempt = 1; attempt < RetrySchedule.MAX_ATTEMPTS; attempt++) {
                WebhookDelivery after = webhooks.delivery(workspace, id);
                assertThat(after.status()).isEqualTo(WebhookDelivery.PENDING);
                long wait = after.nextAttemptAt() - clock.millis();
                long base = RetrySchedule.DELAYS.get(attempt - 1).toMillis();
                assertThat(wait).as("wait after attempt %d", attempt)
                        .isBetween(Math.round(base * 0.9), Math.round(base * 1.1));
                clock.advance(Duration.ofMillis(wait - 1));
                assertThat(d.runOnce()).as("not due yet").isZero();
                clock.advance(Duration.ofMillis(1));
                assertThat(d.runOnce()).isEqualTo(1);
            }
            clock.advance(Duration.ofDays(3));
            assertThat(d.runOnce()).isZero();
        }
        WebhookDelivery done = webhooks.delivery(workspace, id);
        assertThat(done.status()).isEqualTo(WebhookDelivery.FAILED);
        assertThat(done.attempts()).hasSize(10).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(500));
        assertThat(done.attempts().getLast().attemptedAt() - first.toEpochMilli())
                .isGreaterThan(Duration.ofHours(24).toMillis());
        List<WebhookReceiver.Received> got = receiver.received();
        assertThat(got).hasSize(10);
        assertThat(got).extracting(r -> r.header("webhook-id")).containsOnly(id);
        assertThat(got).allSatisfy(r -> assertThat(StandardWebhooks.specAccepts(ep.secret().reveal(), r)).isTrue());
        assertThat(got).extracting(r -> r.header("webhook-timestamp")).doesNotHaveDuplicates();
    }

    @Test
    void retryAfterReplacesTheScheduledWait() {
        endpoint(null);
        receiver.answerNext(new Answer(503, Map.of("Retry-After", "120")), new Answer(429, Map.of("Retry-After",
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        clock.instant().plusSeconds(3600).atZone(java.time.ZoneOffset.UTC)))));
        String id = enqueueOne("session.ended", Map.of());
        try (WebhookDispatcher d = dispatcher()) {
            d.runOnce();
            assertThat(webhooks.delivery(workspace, id).nextAttemptAt() - clock.millis()).isEqualTo(120_000);
            clock.advance(Duration.ofSeconds(120));
            assertThat(d.runOnce()).isEqualTo(1);
            assertThat(webhooks.delivery(workspace, id).nextAttemptAt() - clock.millis())
                    .isBetween(3_479_000L, 3_480_000L);
            clock.advance(Duration.ofHours(1));
            assertThat(d.runOnce()).isEqualTo(1);
        }
        assertThat(webhooks.delivery(workspace, id).status()).isEqualTo(WebhookDelivery.SUCCEEDED);
    }

    @Test
    void goneDisablesTheEndpointAndStopsNewMessages() {
        WebhookService.Created ep = endpoint(null);
        receiver.answerNext(Answer.of(410));
        String id = enqueueOne("session.ended", Map.of());
        try (WebhookDispatcher d = dispatcher()) {
            d.runOnce();
        }
        assertThat(webhooks.delivery(workspace, id).status()).isEqualTo(WebhookDelivery.FAILED);
        WebhookEndpoint disabled = webhooks.get(workspace, ep.endpoint().id());
        assertThat(disabled.status()).isEqualTo(WebhookEndpoint.DISABLED);
        assertThat(disabled.disabledReason()).contains("410");
        List<String> none = db.write(h -> webhooks.enqueue(h, workspace, null, "session.ended", Map.of()));
        assertThat(none).isEmpty();
        assertThatThrownBy(() -> webhooks.redeliver(workspace, id)).isInstanceOf(Conflict.class);
    }

    @Test
    void manualRedeliveryResendsTheSameMessageWithTheSameId() throws Exception {
        WebhookService.Created ep = endpoint(null);
        String id = enqueueOne("platform.registered", Map.of("platform_id", "p1"));
        try (WebhookDispatcher d = dispatcher()) {
            d.runOnce();
            assertThatThrownBy(() -> webhooks.redeliver(workspace, "msg_00000000000000000000000000"))
                    .isInstanceOf(NotFound.class);
            clock.advance(Duration.ofSeconds(30));
            WebhookDelivery queued = webhooks.redeliver(workspace, id);
            assertThat(queued.status()).isEqualTo(WebhookDelivery.PENDING);
            assertThatThrownBy(() -> webhooks.redeliver(workspace, id)).isInstanceOf(Conflict.class);
            assertThat(d.runOnce()).isEqualTo(1);
        }
        List<WebhookReceiver.Received> got = receiver.received();
        assertThat(got).hasSize(2);
        assertThat(got.get(1).header("webhook-id")).isEqualTo(id);
        assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
        assertThat(StandardWebhooks.libraryAccepts(ep.secret().reveal(), got.get(1))).isTrue();
        WebhookDelivery log = webhooks.delivery(workspace, id);
        assertThat(log.attempts()).extracting(WebhookDelivery.Attempt::manual).containsExactly(false, true);
    }

    @Test
    void queuedMessagesSurviveARestartAndAnExpiredLeaseIsTakenOver() {
        endpoint(null);
        String queuedBeforeRestart = enqueueOne("session.ended", Map.of("n", 1));
        String claimedByDeadNode = enqueueOne("session.ended", Map.of("n", 2));
        // A node claimed the second message and died before recording anything.
        db.write(h -> h.createUpdate("UPDATE webhook_deliveries SET lease_owner = 'node-dead', lease_until = :until "
                        + "WHERE id = :id")
                .bind("until", clock.millis() + WebhookDispatcher.LEASE.toMillis()).bind("id", claimedByDeadNode)
                .execute());
        // "Restart": a new pool and new services over the same database.
        try (Database reopened = Database.open(store().databaseUrl(), 4, null)) {
            Services after = newServices(reopened);
            try (WebhookDispatcher d = new WebhookDispatcher(reopened, after.webhooks(), after.events(),
                    EgressClient.withDefaultTrust(LOCAL_TARGETS), clock, new RetrySchedule(random), Duration.ofMillis(50))) {
                assertThat(d.runOnce()).isEqualTo(1);
                assertThat(receiver.received()).extracting(r -> r.header("webhook-id"))
                        .containsExactly(queuedBeforeRestart);
                clock.advance(WebhookDispatcher.LEASE.plusSeconds(1));
                assertThat(d.runOnce()).isEqualTo(1);
            }
        }
        assertThat(receiver.received()).extracting(r -> r.header("webhook-id"))
                .containsExactly(queuedBeforeRestart, claimedByDeadNode);
    }

    @Test
    void twoNodesNeverSendTheSameMessageTwice() {
        endpoint(null);
        int n = 24;
        for (int i = 0; i < n; i++) {
            enqueueOne("session.ended", Map.of("i", i));
        }
        try (Database second = Database.open(store().databaseUrl(), 4, null);
             WebhookDispatcher a = dispatcher();
             WebhookDispatcher b = dispatcher(second, newServices(second))) {
            for (int round = 0; round < 3; round++) {
                CompletableFuture<Integer> fa = CompletableFuture.supplyAsync(a::runOnce);
                CompletableFuture<Integer> fb = CompletableFuture.supplyAsync(b::runOnce);
                fa.join();
                fb.join();
            }
        }
        List<String> ids = receiver.received().stream().map(r -> r.header("webhook-id")).toList();
        assertThat(ids).hasSize(n).doesNotHaveDuplicates();
    }

    @Test
    void aRotatedSecretKeepsSigningDuringItsGracePeriodOnly() {
        WebhookService.Created ep = endpoint(null);
        String oldSecret = ep.secret().reveal();
        WebhookService.Created rotated = webhooks.rotateSecret(workspace, ep.endpoint().id(), Duration.ofHours(1));
        String newSecret = rotated.secret().reveal();
        assertThat(newSecret).isNotEqualTo(oldSecret);
        assertThat(rotated.endpoint().previousSecretUntil()).isEqualTo(clock.millis() + 3_600_000);
        enqueueOne("session.ended", Map.of());
        try (WebhookDispatcher d = dispatcher()) {
            d.runOnce();
            WebhookReceiver.Received during = receiver.received().getFirst();
            assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
            assertThat(StandardWebhooks.libraryAccepts(oldSecret, during)).isTrue();
            assertThat(StandardWebhooks.libraryAccepts(newSecret, during)).isTrue();
            clock.advance(Duration.ofHours(2));
            enqueueOne("session.ended", Map.of());
            d.runOnce();
        }
        WebhookReceiver.Received later = receiver.received().get(1);
        assertThat(later.header("webhook-signature").split(" ")).hasSize(1);
        assertThat(StandardWebhooks.specAccepts(newSecret, later)).isTrue();
        assertThat(StandardWebhooks.specAccepts(oldSecret, later)).isFalse();
    }

    @Test
    void secretsAreStoredSealedNotInClear() {
        WebhookService.Created ep = endpoint(null);
        String stored = db.read(h -> h.createQuery("SELECT secret_enc FROM webhook_endpoints WHERE id = :id")
                .bind("id", ep.endpoint().id()).mapTo(String.class).one());
        assertThat(stored).doesNotContain(ep.secret().reveal())
                .doesNotContain(ep.secret().reveal().substring("whsec_".length()));
        assertThat(new SecretBox(installKey, random).open(stored, "webhook-endpoint:" + ep.endpoint().id()))
                .isEqualTo(ep.secret().reveal());
    }

    @Test
    void anotherWorkspaceSeesNeitherEndpointsNorDeliveries() {
        WebhookService.Created ep = endpoint(null);
        String id = enqueueOne("session.ended", Map.of());
        String other = services.workspaces().findOrCreate("other-" + UUID.randomUUID()).id();
        assertThatThrownBy(() -> webhooks.get(other, ep.endpoint().id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> webhooks.delivery(other, id)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> webhooks.redeliver(other, id)).isInstanceOf(NotFound.class);
        assertThat(webhooks.deliveries(other, null, null, new PageRequest(20, null)).data()).isEmpty();
        Set<String> mine = webhooks.deliveries(workspace, null, null, new PageRequest(20, null)).data().stream()
                .map(WebhookDelivery::id).collect(Collectors.toSet());
        assertThat(mine).containsExactly(id);
    }

    @Test
    void aReceiverSlowerThanTheRequestTimeoutCountsAsAFailedAttemptAndIsRetried() {
        endpoint(null);
        receiver.answerNext(Answer.slow(2_000));
        String id = enqueueOne("session.ended", Map.of());
        try (WebhookDispatcher d = new WebhookDispatcher(db, webhooks, services.events(),
                EgressClient.withDefaultTrust(LOCAL_TARGETS), clock, new RetrySchedule(random), Duration.ofMillis(50),
                Duration.ofMillis(300))) {
            assertThat(d.runOnce()).isEqualTo(1);
            WebhookDelivery after = webhooks.delivery(workspace, id);
            assertThat(after.status()).isEqualTo(WebhookDelivery.PENDING);
            assertThat(after.attempts().getFirst().statusCode()).isNull();
            assertThat(after.attempts().getFirst().error()).isEqualTo("timeout");
            clock.advance(Duration.ofSeconds(6));
            assertThat(d.runOnce()).isEqualTo(1);
        }
        assertThat(webhooks.delivery(workspace, id).status()).isEqualTo(WebhookDelivery.SUCCEEDED);
        assertThat(WebhookDispatcher.REQUEST_TIMEOUT).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aNameThatResolvesToLoopbackAtDeliveryIsRefusedWithACoarseClass() {
        // The name resolves to a public address when it is registered, then to loopback (DNS rebinding).
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> List.of(InetAddress.getByAddress(host,
                lookups.getAndIncrement() == 0 ? new byte[] {93, (byte) 184, (byte) 216, 34} : new byte[] {127, 0, 0, 1}));
        EgressGuard strict = new EgressGuard(false, rebinding);
        WebhookService guarded = newServices(db, strict).webhooks();
        String url = "https://hooks.rebinding.test:" + URI.create(receiver.url()).getPort() + "/hooks";
        guarded.checkTargetLookup("url", url);
        guarded.create(workspace, new WebhookService.EndpointSpec(url, "rebinding", null, null));
        String id = enqueueOne("session.ended", Map.of());
        try (WebhookDispatcher d = new WebhookDispatcher(db, guarded, services.events(), new EgressClient(strict, defaultTls()), clock,
                new RetrySchedule(random), Duration.ofMillis(50))) {
            assertThat(d.runOnce()).isEqualTo(1);
        }
        assertThat(lookups).hasValue(2);
        WebhookDelivery after = webhooks.delivery(workspace, id);
        assertThat(after.attempts()).singleElement().satisfies(a -> {
            assertThat(a.statusCode()).isNull();
            assertThat(a.error()).isEqualTo("refused_address");
        });
        assertThat(after.lastError()).isEqualTo("refused_address");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void aLocalReceiverIsRefusedWithoutTheDevelopmentSetting() {
        WebhookService strict = newServices(db, new EgressGuard(false, HostResolver.system())).webhooks();
        assertThatThrownBy(() -> strict.create(workspace, new WebhookService.EndpointSpec(receiver.url(), "x", null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("url"));
        assertThat(webhooks.create(workspace, new WebhookService.EndpointSpec(receiver.url(), "x", null, null))
                .endpoint().url()).isEqualTo(receiver.url());
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailedAttempt() {
        try (WebhookReceiver elsewhere = new WebhookReceiver()) {
            endpoint(null);
            receiver.answerNext(new Answer(307, Map.of("Location", elsewhere.url())));
            String id = enqueueOne("session.ended", Map.of());
            try (WebhookDispatcher d = dispatcher()) {
                assertThat(d.runOnce()).isEqualTo(1);
            }
            WebhookDelivery after = webhooks.delivery(workspace, id);
            assertThat(after.status()).isEqualTo(WebhookDelivery.PENDING);
            assertThat(after.attempts()).singleElement().satisfies(a -> {
                assertThat(a.statusCode()).isEqualTo(307);
                assertThat(a.error()).isEqualTo("redirect");
            });
            assertThat(receiver.received()).hasSize(1);
            assertThat(elsewhere.received()).isEmpty();
        }
    }

    @Test
    void aClosedPortIsLoggedAsAFailureClassNotAsTheSocketMessage() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        webhooks.create(workspace, new WebhookService.EndpointSpec("http://127.0.0.1:" + closedPort + "/x", "closed",
                null, null));
        String id = enqueueOne("session.ended", Map.of());
        try (WebhookDispatcher d = dispatcher()) {
            assertThat(d.runOnce()).isEqualTo(1);
        }
        WebhookDelivery after = webhooks.delivery(workspace, id);
        assertThat(after.attempts()).singleElement().satisfies(a -> {
            assertThat(a.statusCode()).isNull();
            assertThat(a.error()).isEqualTo("connect_failed");
        });
        assertThat(after.lastError()).isEqualTo("connect_failed");
    }

    private static javax.net.ssl.SSLContext defaultTls() {
        try {
            return javax.net.ssl.SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
