package dev.herald.platform.http;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.evidence.json.Sha256;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.store.Database;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Makes a write endpoint idempotent under its {@code Idempotency-Key} header (or a key taken from
 * the body). The decision is made inside the database transaction that performs the write:
 *
 * <ol>
 *   <li>look the key up; if a record exists, replay it (same fingerprint) or answer 409;</li>
 *   <li>otherwise insert the record first (claiming the key), run the action in the same
 *       transaction, and store the exact response bytes in the record;</li>
 *   <li>a concurrent request with the same key, on this or another node, blocks on the primary key
 *       and then fails with a unique violation; it re-reads the committed record and replays it.</li>
 * </ol>
 *
 * A replay returns the stored status and body byte for byte, with {@code Idempotent-Replayed: true}.
 * The fingerprint is SHA-256 over method, path and body bytes. Failures (4xx/5xx) roll back the
 * transaction and therefore store nothing: retrying after a fix runs the action. Responses that
 * carry a secret store a redacted body instead ({@link Outcome#storedBody}); a replay then
 * returns the redacted body, so the secret is shown exactly once and never stored.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final String JSON = "application/json";

    private final Database db;
    private final ObjectMapper mapper;
    private final Clock clock;

    public Idempotency(Database db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** What a write action answers: the status, the body sent now and (if different) the body kept for replays. */
    public record Outcome(int status, Object body, Object storedBody) {
        public static Outcome of(int status, Object body) {
            return new Outcome(status, body, null);
        }

        public static Outcome created(Object body) {
            return of(201, body);
        }
    }

    /** The write to perform; it runs inside the idempotency transaction (nested {@code db.write} calls join it). */
    @FunctionalInterface
    public interface Action {
        Outcome run();
    }

    /**
     * Where a caller's keys live: its project for project and platform keys, the workspace for
     * admin keys. Two projects of one workspace never see each other's keys or answers.
     */
    record Scope(String workspaceId, String name) {
        static Scope of(Caller caller) {
            return new Scope(caller.workspaceId(),
                    caller.projectId() == null ? "workspace" : "project:" + caller.projectId());
        }
    }

    /** Runs {@code action} at most once per (caller's project or workspace, key) and writes the answer to {@code ctx}. */
    public void respond(Context ctx, Caller caller, Action action) {
        respond(ctx, caller, null, action);
    }

    /**
     * As {@link #respond(Context, Caller, Action)} for an action that is one self-contained service
     * call: without an {@code Idempotency-Key} it runs outside any transaction, so the service can
     * choose its own (a plain turn on PostgreSQL is one guarded statement in autocommit).
     */
    public void respondSelfContained(Context ctx, Caller caller, Action action) {
        if (key(ctx.header(HEADER), null) != null) {
            respond(ctx, caller, null, action);
            return;
        }
        Outcome o = action.run();
        send(ctx, new Stored(o.status(), JSON, bytes(o.body()), null), false);
    }

    /**
     * As {@link #respond(Context, Caller, Action)}, also accepting a key from the request body
     * ({@code bodyKey}, may be null). Header and body key must agree when both are given.
     */
    public void respond(Context ctx, Caller caller, String bodyKey, Action action) {
        Scope scope = Scope.of(caller);
        String key = key(ctx.header(HEADER), bodyKey);
        if (key == null) {
            Stored s = db.write(h -> {
                Outcome o = action.run();
                return new Stored(o.status(), JSON, bytes(o.body()), null);
            });
            send(ctx, s, false);
            return;
        }
        String fingerprint = fingerprint(ctx.method().name(), ctx.path(), ctx.bodyAsBytes());
        Stored result;
        boolean replay;
        try {
            Stored[] holder = new Stored[1];
            replay = db.write(h -> {
                Optional<Stored> existing = find(h, scope, key);
                if (existing.isPresent()) {
                    holder[0] = checkReplay(existing.get(), fingerprint, key);
                    return true;
                }
                h.createUpdate("INSERT INTO idempotency_records (workspace_id, scope, idempotency_key, fingerprint, "
                                + "status_code, content_type, body, created_at) VALUES (:w, :s, :k, :f, 0, NULL, NULL, :t)")
                        .bind("w", scope.workspaceId()).bind("s", scope.name()).bind("k", key).bind("f", fingerprint).bind("t", clock.millis())
                        .execute();
                Outcome o = action.run();
                byte[] sent = bytes(o.body());
                byte[] kept = o.storedBody() == null ? sent : bytes(o.storedBody());
                h.createUpdate("UPDATE idempotency_records SET status_code = :s, content_type = :c, body = :b "
                                + "WHERE workspace_id = :w AND scope = :scope AND idempotency_key = :k")
                        .bind("s", o.status()).bind("c", JSON).bind("b", new String(kept, StandardCharsets.UTF_8))
                        .bind("w", scope.workspaceId()).bind("scope", scope.name()).bind("k", key).execute();
                holder[0] = new Stored(o.status(), JSON, sent, fingerprint);
                return false;
            });
            result = holder[0];
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            // Another request with this key committed first: answer as it did.
            Optional<Stored> winner = db.read(h -> find(h, scope, key));
            if (winner.isEmpty()) {
                throw e;
            }
            result = checkReplay(winner.get(), fingerprint, key);
            replay = true;
        }
        send(ctx, result, replay);
    }

    /**
     * As {@link #respond(Context, Caller, Action)}, for a write whose answer needs a network call
     * once the write has committed (ending a session, then time-stamping its artifact): {@code write}
     * runs in the transaction that claims the key and commits with it; {@code answer} runs after
     * that, outside any transaction, and its outcome is stored in a second, short one. A request
     * that finds the key claimed but its answer missing (a crash or a concurrent duplicate in
     * between) runs {@code answer} itself; the first outcome stored is the one every replay
     * returns, byte for byte. So {@code answer} must derive the outcome from committed state alone.
     */
    public void respondAfterCommit(Context ctx, Caller caller, Runnable write, Action answer) {
        Scope scope = Scope.of(caller);
        String key = key(ctx.header(HEADER), null);
        if (key == null) {
            db.write(h -> {
                write.run();
                return null;
            });
            Outcome o = answer.run();
            send(ctx, new Stored(o.status(), JSON, bytes(o.body()), null), false);
            return;
        }
        String fingerprint = fingerprint(ctx.method().name(), ctx.path(), ctx.bodyAsBytes());
        Optional<Stored> earlier;
        boolean claimed = false;
        try {
            earlier = db.write(h -> {
                Optional<Stored> existing = find(h, scope, key);
                if (existing.isPresent()) {
                    return Optional.of(checkReplay(existing.get(), fingerprint, key));
                }
                claim(h, scope, key, fingerprint);
                write.run();
                return Optional.<Stored>empty();
            });
            claimed = earlier.isEmpty();
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            earlier = Optional.of(checkReplay(db.read(h -> find(h, scope, key)).orElseThrow(() -> e), fingerprint, key));
        }
        if (earlier.isPresent() && !earlier.get().pending()) {
            send(ctx, earlier.get(), true);
            return;
        }
        Outcome o = answer.run();
        byte[] sent = bytes(o.body());
        byte[] kept = o.storedBody() == null ? sent : bytes(o.storedBody());
        Stored first = db.write(h -> {
            h.createUpdate("UPDATE idempotency_records SET status_code = :s, content_type = :c, body = :b "
                            + "WHERE workspace_id = :w AND scope = :scope AND idempotency_key = :k AND status_code = 0")
                    .bind("s", o.status()).bind("c", JSON).bind("b", new String(kept, StandardCharsets.UTF_8))
                    .bind("w", scope.workspaceId()).bind("scope", scope.name()).bind("k", key).execute();
            return find(h, scope, key).orElseThrow();
        });
        boolean ours = first.status() == o.status() && java.util.Arrays.equals(first.body(), kept);
        send(ctx, ours ? new Stored(o.status(), JSON, sent, fingerprint) : first, !claimed || !ours);
    }

    private void claim(Handle h, Scope scope, String key, String fingerprint) {
        h.createUpdate("INSERT INTO idempotency_records (workspace_id, scope, idempotency_key, fingerprint, "
                        + "status_code, content_type, body, created_at) VALUES (:w, :s, :k, :f, 0, NULL, NULL, :t)")
                .bind("w", scope.workspaceId()).bind("s", scope.name()).bind("k", key).bind("f", fingerprint)
                .bind("t", clock.millis()).execute();
    }

    static String key(String headerKey, String bodyKey) {
        if (headerKey != null && bodyKey != null && !headerKey.equals(bodyKey)) {
            throw new Invalid(HEADER, "differs from the idempotency key in the body");
        }
        String key = headerKey != null ? headerKey : bodyKey;
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new Invalid(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        return key;
    }

    private static Stored checkReplay(Stored existing, String fingerprint, String key) {
        if (!MessageDigest.isEqual(existing.fingerprint().getBytes(StandardCharsets.US_ASCII),
                fingerprint.getBytes(StandardCharsets.US_ASCII))) {
            throw new Conflict("Idempotency-Key '" + key
                    + "' was already used with a different request (method, path or body differ)");
        }
        return existing;
    }

    private static Optional<Stored> find(Handle h, Scope scope, String key) {
        return h.createQuery("SELECT status_code, content_type, body, fingerprint FROM idempotency_records "
                        + "WHERE workspace_id = :w AND scope = :s AND idempotency_key = :k")
                .bind("w", scope.workspaceId()).bind("s", scope.name()).bind("k", key)
                .map((rs, c) -> new Stored(rs.getInt("status_code"), rs.getString("content_type"),
                        rs.getString("body") == null ? new byte[0] : rs.getString("body").getBytes(StandardCharsets.UTF_8),
                        rs.getString("fingerprint")))
                .findOne();
    }

    private static void send(Context ctx, Stored s, boolean replay) {
        if (replay) {
            ctx.header(REPLAYED_HEADER, "true");
        }
        ctx.status(s.status()).contentType(s.contentType() == null ? JSON : s.contentType()).result(s.body());
    }

    private byte[] bytes(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }

    static String fingerprint(String method, String path, byte[] body) {
        return Sha256.ofParts(method.getBytes(StandardCharsets.UTF_8), new byte[] {0},
                path.getBytes(StandardCharsets.UTF_8), new byte[] {0}, body).hex();
    }

    /** A record as stored; status 0 while its answer is still being made ({@link #respondAfterCommit}). */
    private record Stored(int status, String contentType, byte[] body, String fingerprint) {
        boolean pending() {
            return status == 0;
        }
    }
}
