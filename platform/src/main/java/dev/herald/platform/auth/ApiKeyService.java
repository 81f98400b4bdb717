package dev.herald.platform.auth;

import dev.herald.platform.events.DropReason;
import dev.herald.platform.events.Event;
import dev.herald.platform.events.EventBus;
import dev.herald.platform.events.Subscriber;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and authenticates API keys. Keys are stored as SHA-256 hashes with a short lookup
 * prefix; the clear key exists only in the {@link IssuedKey} returned at creation.
 *
 * <p>A successful lookup is remembered for {@link #LOOKUP_CACHE_NANOS} (the presented secret is
 * still checked against the stored hash on every request), so a busy client costs no query per
 * request. Revoking a key forgets it on this node at once, and announces it on the event bus in
 * the revoking transaction: every other node forgets it as soon as that commits. The second of
 * memory remains the bound when an announcement is lost (a node's bus reconnecting) or a lookup
 * raced the revocation. Thread-safe.
 */
public final class ApiKeyService {
    /** The event bus channel on which a revoked key's id is announced to every node. */
    public static final String REVOKED_CHANNEL = "auth.api_keys.revoked";
    static final long LOOKUP_CACHE_NANOS = 1_000_000_000L;
    private static final int LOOKUP_CACHE_LIMIT = 10_000;

    /** A key row as last read: its stored hash, whom it authenticates, and when it was read. */
    private record Lookup(String secretHash, Caller caller, long readAtNanos) {
    }

    private final Map<String, Lookup> recent;
    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final SecureRandom random;
    private final EventBus events;

    /** @param events the bus on which revocations are announced to, and heard from, every node */
    public ApiKeyService(Database db, Ids ids, Clock clock, SecureRandom random, EventBus events) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.random = random;
        this.events = events;
        Map<String, Lookup> remembered = new ConcurrentHashMap<>();
        this.recent = remembered;
        new RevocationsHeard(remembered, events).listen();
    }

    /**
     * Forgets each announced key. When announcements may have been missed (a gap in the bus, or
     * this subscriber dropped after a burst) it forgets every key, since which ones is unknown.
     */
    private record RevocationsHeard(Map<String, Lookup> recent, EventBus events) implements Subscriber {
        void listen() {
            events.subscribe(REVOKED_CHANNEL, this);
        }

        @Override
        public void onEvent(Event event) {
            forget(recent, event.message());
        }

        @Override
        public void onGap() {
            recent.clear();
        }

        @Override
        public void onDropped(DropReason reason) {
            if (reason == DropReason.SLOW) {
                recent.clear();
                listen();
            }
        }
    }

    /** A workspace-wide admin key. */
    public IssuedKey issueAdmin(String workspaceId, String name) {
        return issue(workspaceId, null, Set.of(KeyScope.ADMIN.wire()), name);
    }

    /** A key bound to one project. */
    public IssuedKey issueForProject(Project project, String name) {
        return issue(project.workspaceId(), project.id(), Set.of(KeyScope.PROJECT.wire()), name);
    }

    /** A voice platform's own key, bound to the platform's project. */
    public IssuedKey issueForPlatform(Project project, String name) {
        return issue(project.workspaceId(), project.id(), Set.of(KeyScope.PLATFORM.wire()), name);
    }

    private IssuedKey issue(String workspaceId, String projectId, Set<String> scopes, String name) {
        ApiKeySecret secret = ApiKeySecret.generate(random);
        String id = ids.next("key");
        db.write(h -> h.createUpdate("INSERT INTO api_keys (id, workspace_id, project_id, scopes, lookup, secret_hash, "
                        + "name, created_at) VALUES (:id, :w, :p, :s, :l, :h, :n, :t)")
                .bind("id", id).bind("w", workspaceId).bind("p", projectId)
                .bind("s", String.join(" ", new java.util.TreeSet<>(scopes)))
                .bind("l", secret.lookup()).bind("h", secret.hash()).bind("n", name).bind("t", clock.millis())
                .execute());
        return new IssuedKey(id, workspaceId, projectId, scopes, secret);
    }

    /** The caller for a presented key, or empty when it is malformed, unknown, revoked or wrong. */
    public Optional<Caller> authenticate(String presented) {
        Optional<ApiKeySecret> parsed = ApiKeySecret.parse(presented);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        ApiKeySecret secret = parsed.get();
        Lookup known = recent.get(secret.lookup());
        if (known == null || System.nanoTime() - known.readAtNanos() > LOOKUP_CACHE_NANOS) {
            known = db.read(h -> h.createQuery("SELECT id, workspace_id, project_id, scopes, secret_hash FROM api_keys "
                            + "WHERE lookup = :l AND revoked_at IS NULL")
                    .bind("l", secret.lookup())
                    .map((rs, c) -> new Lookup(rs.getString("secret_hash"), new Caller(rs.getString("workspace_id"),
                            rs.getString("project_id"), rs.getString("id"),
                            new LinkedHashSet<>(Arrays.asList(rs.getString("scopes").split(" ")))), System.nanoTime()))
                    .findOne().orElse(null));
            if (known == null) {
                recent.remove(secret.lookup());
                return Optional.empty();
            }
            if (recent.size() >= LOOKUP_CACHE_LIMIT) {
                recent.clear();
            }
            recent.put(secret.lookup(), known);
        }
        return secret.matches(known.secretHash()) ? Optional.of(known.caller()) : Optional.empty();
    }

    /**
     * Revokes a key of the workspace (no-op when already revoked). It stops authenticating on this
     * node once the revocation commits, on other nodes as soon as they hear of it, and everywhere
     * within {@link #LOOKUP_CACHE_NANOS}.
     */
    public void revoke(String workspaceId, String keyId) {
        forget(recent, keyId);
        db.write(h -> {
            int revoked = h.createUpdate("UPDATE api_keys SET revoked_at = :t WHERE workspace_id = :w AND id = :id "
                            + "AND revoked_at IS NULL")
                    .bind("t", clock.millis()).bind("w", workspaceId).bind("id", keyId).execute();
            if (revoked == 1) {
                events.publish(h, REVOKED_CHANNEL, keyId);
            }
            return revoked;
        });
        // Again after the write: a request racing the update may have re-read the old row.
        forget(recent, keyId);
    }

    private static void forget(Map<String, Lookup> recent, String keyId) {
        recent.values().removeIf(l -> l.caller().keyId().equals(keyId));
    }

    /** Number of live admin keys in a workspace (bootstrap uses it to know whether to mint one). */
    public int countAdminKeys(String workspaceId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM api_keys WHERE workspace_id = :w "
                        + "AND project_id IS NULL AND revoked_at IS NULL")
                .bind("w", workspaceId).mapTo(Integer.class).one());
    }
}
