package dev.herald.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.HeraldConfig;
import dev.herald.platform.events.EventBus;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key lookup and its one-second memory, with two services standing in for two nodes on one database
 * (announced revocations: {@code ApiKeyRevocationFanoutContract}).
 */
class ApiKeyServiceTest {
    @TempDir
    Path dir;
    Database db;
    ApiKeyService nodeA;
    ApiKeyService nodeB;
    IssuedKey key;

    @BeforeEach
    void open() {
        db = Database.open(HeraldConfig.sqliteUrl(dir), 4, null);
        db.migrate();
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        Ids ids = new Ids(clock, random);
        Project project = new ProjectService(db, ids, clock)
                .findOrCreate(new WorkspaceService(db, ids, clock).findOrCreate("w").id(), "p");
        // Separate buses: node A never hears node B's announcements, as when one is lost.
        nodeA = new ApiKeyService(db, ids, clock, random, EventBus.on(db));
        nodeB = new ApiKeyService(db, ids, clock, random, EventBus.on(db));
        key = nodeA.issueForProject(project, "test");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aRememberedKeyStillNeedsTheWholeSecret() {
        String presented = key.secret().reveal();
        assertThat(nodeA.authenticate(presented)).isPresent();
        // Same lookup prefix, different secret: must fail even though the row is remembered.
        char last = presented.charAt(presented.length() - 1);
        String forged = presented.substring(0, presented.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(nodeA.authenticate(forged)).isEmpty();
    }

    @Test
    void revokingStopsTheKeyOnThisNodeAtOnce() {
        assertThat(nodeA.authenticate(key.secret().reveal())).isPresent();
        nodeA.revoke(key.workspaceId(), key.id());
        assertThat(nodeA.authenticate(key.secret().reveal())).isEmpty();
    }

    @Test
    void anotherNodeThatHearsNothingStopsAcceptingARevokedKeyWithinASecond() throws InterruptedException {
        assertThat(nodeA.authenticate(key.secret().reveal())).isPresent();
        nodeB.revoke(key.workspaceId(), key.id());
        Thread.sleep(ApiKeyService.LOOKUP_CACHE_NANOS / 1_000_000 + 100);
        assertThat(nodeA.authenticate(key.secret().reveal())).isEmpty();
    }
}
