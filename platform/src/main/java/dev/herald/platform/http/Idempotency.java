package dev.herald.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.idempotency.Answer;
import dev.herald.platform.idempotency.Fingerprint;
import dev.herald.platform.idempotency.IdempotentWrites;
import dev.herald.platform.store.Database;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The HTTP edge of the idempotency mechanism ({@link IdempotentWrites}). Makes a write endpoint
 * idempotent under its {@code Idempotency-Key} header (or a key taken from the body), keyed per
 * caller's project (or workspace, for admin keys) in {@code idempotency_records}; the request's
 * fingerprint is its method, path and body. Also sends the answers of services that run their own
 * keyed writes ({@link #send}), so every replay in Herald reads the same on the wire: the first
 * status and body byte for byte with {@code Idempotent-Replayed: true}; a different request under
 * a used key is a 409 conflict. Responses that carry a secret keep a redacted body instead
 * ({@link Outcome#storedBody}); a replay then returns the redacted body, so the secret is shown
 * exactly once and never stored.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final String JSON = "application/json";

    private final Database db;
    private final ObjectMapper mapper;
    private final IdempotentWrites writes;
    private final IdempotencyRecords records;

    public Idempotency(Database db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.writes = new IdempotentWrites(db);
        this.records = new IdempotencyRecords(clock);
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
     * Runs {@code action} at most once per (caller's project or workspace, key) and writes the
     * answer to {@code ctx}.
     */
    public void respond(Context ctx, KeyOwner caller, Action action) {
        respond(ctx, caller, null, action);
    }

    /**
     * As {@link #respond(Context, KeyOwner, Action)} for an action that is one self-contained service
     * call: without an {@code Idempotency-Key} it runs outside any transaction, so the service can
     * choose its own (a plain turn on PostgreSQL is one guarded statement in autocommit).
     */
    public void respondSelfContained(Context ctx, KeyOwner caller, Action action) {
        if (key(ctx.header(HEADER), null) != null) {
            respond(ctx, caller, null, action);
            return;
        }
        Outcome o = action.run();
        ctx.status(o.status()).contentType(JSON).result(bytes(o.body()));
    }

    /**
     * As {@link #respond(Context, KeyOwner, Action)}, also accepting a key from the request body
     * ({@code bodyKey}, may be null). Header and body key must agree when both are given.
     */
    public void respond(Context ctx, KeyOwner caller, String bodyKey, Action action) {
        String key = key(ctx.header(HEADER), bodyKey);
        if (key == null) {
            // Serialized inside the transaction, so an answer that cannot be written rolls the write back.
            record Sent(int status, byte[] body) {
            }
            Sent s = db.write(h -> {
                Outcome o = action.run();
                return new Sent(o.status(), bytes(o.body()));
            });
            ctx.status(s.status()).contentType(JSON).result(s.body());
            return;
        }
        Fingerprint fingerprint = Fingerprint.ofRequest(ctx.method().name(), ctx.path(), ctx.bodyAsBytes());
        send(ctx, writes.once(records, IdempotencyRecords.Scope.of(caller), key, fingerprint,
                h -> written(action.run())));
    }

    /**
     * Sends an answer of the idempotency mechanism: its status and body as kept, with
     * {@code Idempotent-Replayed: true} when it is a replay.
     */
    public static void send(Context ctx, IdempotentWrites.Answered answered) {
        if (answered.replayed()) {
            ctx.header(REPLAYED_HEADER, "true");
        }
        ctx.status(answered.answer().status()).contentType(JSON)
                .result(answered.answer().json().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * As {@link #respond(Context, KeyOwner, Action)}, for a write whose answer needs a network call
     * once the write has committed (ending a session, then time-stamping its artifact): {@code write}
     * runs in the transaction that claims the key and commits with it; {@code answer} runs after
     * that, outside any transaction, and its outcome is stored in a second, short one. A request
     * that finds the key claimed but its answer missing (a crash or a concurrent duplicate in
     * between) runs {@code answer} itself; the first outcome stored is the one every replay
     * returns, byte for byte. So {@code answer} must derive the outcome from committed state alone.
     */
    public void respondAfterCommit(Context ctx, KeyOwner caller, Runnable write, Action answer) {
        String key = key(ctx.header(HEADER), null);
        if (key == null) {
            db.write(h -> {
                write.run();
                return null;
            });
            Outcome o = answer.run();
            ctx.status(o.status()).contentType(JSON).result(bytes(o.body()));
            return;
        }
        Fingerprint fingerprint = Fingerprint.ofRequest(ctx.method().name(), ctx.path(), ctx.bodyAsBytes());
        send(ctx, writes.onceThenAnswer(records, IdempotencyRecords.Scope.of(caller), key, fingerprint,
                h -> write.run(), () -> written(answer.run())));
    }

    /**
     * As {@link #respond(Context, KeyOwner, Action)} for a write that does not arrive over HTTP (an
     * MCP tool call): runs {@code action} at most once per (caller's project or workspace,
     * {@code key}), in the same records as {@code Idempotency-Key}s. {@code fingerprint} is what
     * identifies the request (for a tool: its name and canonical arguments). Answers what was kept:
     * the first answer, byte for byte, on a replay; a {@link dev.herald.platform.domain.Conflict}
     * when the key was used for a different request. Check the key with {@link #checkKey} first.
     */
    public IdempotentWrites.Answered once(KeyOwner caller, String key, Fingerprint fingerprint, Action action) {
        return writes.once(records, IdempotencyRecords.Scope.of(caller), key, fingerprint, h -> written(action.run()));
    }

    static String key(String headerKey, String bodyKey) {
        if (headerKey != null && bodyKey != null && !headerKey.equals(bodyKey)) {
            throw new Invalid(HEADER, "differs from the idempotency key in the body");
        }
        String key = headerKey != null ? headerKey : bodyKey;
        return key == null ? null : checkKey(HEADER, key);
    }

    /** {@code key} when it is a usable idempotency key (1 to 255 visible ASCII characters), else Invalid on {@code field}. */
    public static String checkKey(String field, String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new Invalid(field, "must be 1 to 255 visible ASCII characters");
        }
        return key;
    }

    private IdempotentWrites.Written written(Outcome o) {
        Answer sent = new Answer(o.status(), text(o.body()));
        return new IdempotentWrites.Written(sent,
                o.storedBody() == null ? sent : new Answer(o.status(), text(o.storedBody())));
    }

    private byte[] bytes(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }

    private String text(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }
}
