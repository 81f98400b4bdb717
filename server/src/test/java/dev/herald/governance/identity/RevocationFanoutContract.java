package dev.herald.governance.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platform.auth.IssuedKey;
import dev.herald.platform.events.Event;
import dev.herald.platform.events.Subscription;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.Issuer;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.RevocationList;
import dev.herald.ratify.RevocationPush;
import dev.herald.server.Herald;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A revocation stored through node A's API is announced on the event bus once it commits, and
 * every node hears it within a second: node B (another server on the same PostgreSQL; on SQLite,
 * which one process serves, node A itself) gets a {@link RevocationRegistry.Revoked} event naming
 * the workspace and issuer, and finds the cert revoked when it reads.
 */
abstract class RevocationFanoutContract extends RunningHerald {
    static final Duration WITHIN = Duration.ofSeconds(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Issuer issuer = new Issuer(Clock.systemUTC(), RANDOM);

    /** The node that listens: another server on the same database, or this one. */
    abstract Herald nodeB();

    private IssuedKey adminKey() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, null);
    }

    private static String json(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private Http.Response publish(IssuedKey key, RevocationList list, HybridKeyPair signer) {
        String body = "{\"revocation_list\":" + json(RatifyJson.encode(list))
                + ",\"issuer_public_key\":" + json(RatifyJson.encode(signer.publicKey())) + "}";
        return http.send("PUT", "/v1/ratify/revocations/" + list.issuerId(), key.secret().reveal(),
                "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private Http.Response push(IssuedKey key, RevocationPush push, HybridKeyPair signer) {
        return http.post("/v1/ratify/revocation-pushes", key.secret().reveal(), "{\"revocation_push\":"
                + json(RatifyJson.encode(push)) + ",\"issuer_public_key\":" + json(RatifyJson.encode(signer.publicKey()))
                + "}");
    }

    /** Events heard on node B's bus. */
    private record Heard(BlockingQueue<Event> events, Subscription subscription) implements AutoCloseable {
        Event next(Duration wait) throws InterruptedException {
            return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            subscription.close();
        }
    }

    private Heard listenOnNodeB() {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        return new Heard(events, nodeB().services().events().subscribe(RevocationRegistry.CHANNEL, events::add));
    }

    @Test
    void aRevocationListStoredOnOneNodeIsHeardOnEveryNodeWithinASecond() throws InterruptedException {
        IssuedKey key = adminKey();
        HybridKeyPair root = HybridKeyPair.generate(RANDOM);
        String cert = "cert-" + UUID.randomUUID();
        try (Heard heard = listenOnNodeB()) {
            long t0 = System.nanoTime();
            assertThat(publish(key, issuer.signRevocationList(root, List.of(cert)), root).status()).isEqualTo(200);
            Event event = heard.next(WITHIN);
            assertThat(event).as("heard on node B within %s", WITHIN).isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(WITHIN.multipliedBy(2));
            assertThat(RevocationRegistry.Revoked.of(event))
                    .isEqualTo(new RevocationRegistry.Revoked(key.workspaceId(), root.id()));
            assertThat(nodeB().services().ratify().revocations().isRevoked(key.workspaceId(), cert)).isTrue();
        }
    }

    @Test
    void aRevocationPushAcceptedOnOneNodeIsHeardOnEveryNode() throws InterruptedException {
        IssuedKey key = adminKey();
        HybridKeyPair root = HybridKeyPair.generate(RANDOM);
        String cert = "cert-" + UUID.randomUUID();
        try (Heard heard = listenOnNodeB()) {
            Http.Response r = push(key, issuer.signRevocationPush(root, 1, List.of(cert)), root);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            Event event = heard.next(WITHIN);
            assertThat(event).isNotNull();
            assertThat(RevocationRegistry.Revoked.of(event).issuerId()).isEqualTo(root.id());
            assertThat(nodeB().services().ratify().revocations().isRevoked(key.workspaceId(), cert)).isTrue();
        }
    }

    @Test
    void aRevocationThatRevokesNothingNewOrIsRefusedAnnouncesNothing() throws InterruptedException {
        IssuedKey key = adminKey();
        HybridKeyPair root = HybridKeyPair.generate(RANDOM);
        RevocationList list = issuer.signRevocationList(root, List.of("cert-" + UUID.randomUUID()));
        RevocationPush first = issuer.signRevocationPush(root, 1, List.of("cert-" + UUID.randomUUID()));
        try (Heard heard = listenOnNodeB()) {
            assertThat(publish(key, list, root).status()).isEqualTo(200);
            assertThat(push(key, first, root).status()).isEqualTo(200);
            assertThat(heard.next(WITHIN.multipliedBy(2))).isNotNull();
            assertThat(heard.next(WITHIN.multipliedBy(2))).isNotNull();
            // The same list again, a replayed push, a list signed by a stranger.
            assertThat(publish(key, list, root).status()).isEqualTo(200);
            assertThat(push(key, first, root).status()).isEqualTo(200);
            assertThat(publish(key, issuer.signRevocationList(root, List.of("cert-x")), HybridKeyPair.generate(RANDOM))
                    .status()).isEqualTo(422);
            assertThat(heard.next(Duration.ofMillis(500))).isNull();
        }
    }
}
