package dev.herald.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platform.events.Event;
import dev.herald.platform.events.EventBus;
import dev.herald.platform.events.Subscription;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.server.testing.StoreExtension;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A key revoked on node B is refused by node A as soon as A hears the announcement, well inside
 * the second A would otherwise keep remembering it. On PostgreSQL the nodes are two pools and two
 * buses on one database; on SQLite, one process, they share the in-process bus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiKeyRevocationFanoutContract {
    /** Well under the lookup memory: a refusal this soon was caused by the announcement. */
    private static final Duration AT_ONCE = Duration.ofMillis(500);
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private Database dbA;
    private Database dbB;
    private EventBus busA;
    private EventBus busB;
    private ApiKeyService nodeA;
    private ApiKeyService nodeB;
    private Project project;

    abstract StoreExtension store();

    @BeforeAll
    void open() {
        Ids ids = new Ids(clock, random);
        dbA = Database.open(store().databaseUrl(), 4, null);
        dbA.migrate();
        busA = EventBus.on(dbA);
        busA.start();
        if (store().kind() == StoreExtension.Kind.POSTGRESQL) {
            dbB = Database.open(store().databaseUrl(), 4, null);
            busB = EventBus.on(dbB);
            busB.start();
        } else {
            dbB = dbA;
            busB = busA;
        }
        nodeA = new ApiKeyService(dbA, ids, clock, random, busA);
        nodeB = new ApiKeyService(dbB, ids, clock, random, busB);
        project = new ProjectService(dbA, ids, clock)
                .findOrCreate(new WorkspaceService(dbA, ids, clock).findOrCreate("w-" + UUID.randomUUID()).id(), "p");
    }

    @AfterAll
    void close() {
        busA.stop();
        dbA.close();
        if (dbB != dbA) {
            busB.stop();
            dbB.close();
        }
    }

    @Test
    void aKeyRevokedOnAnotherNodeIsRefusedAtOnce() throws InterruptedException {
        IssuedKey key = nodeA.issueForProject(project, "fanout");
        String presented = key.secret().reveal();
        assertThat(nodeA.authenticate(presented)).isPresent();
        long t0 = System.nanoTime();
        nodeB.revoke(key.workspaceId(), key.id());
        while (nodeA.authenticate(presented).isPresent() && System.nanoTime() - t0 < AT_ONCE.toNanos()) {
            Thread.sleep(5);
        }
        assertThat(nodeA.authenticate(presented)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(AT_ONCE);
    }

    @Test
    void revokingAKeyAnnouncesItsIdOnceAndARepeatAnnouncesNothing() throws InterruptedException {
        IssuedKey key = nodeA.issueForProject(project, "twice");
        BlockingQueue<Event> heard = new LinkedBlockingQueue<>();
        try (Subscription s = busA.subscribe(ApiKeyService.REVOKED_CHANNEL, heard::add)) {
            nodeB.revoke(key.workspaceId(), key.id());
            nodeB.revoke(key.workspaceId(), key.id());
            Event first = heard.poll(2, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.message()).isEqualTo(key.id());
            assertThat(heard.poll(400, TimeUnit.MILLISECONDS)).isNull();
        }
    }
}
