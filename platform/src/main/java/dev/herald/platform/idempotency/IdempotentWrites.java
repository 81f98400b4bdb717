package dev.herald.platform.idempotency;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.store.Database;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The one idempotency mechanism: runs a keyed write at most once and answers every retry as the
 * first attempt was answered. In one write transaction it
 *
 * <ol>
 *   <li>looks the key up in its {@link AnswerStore}; a kept answer is replayed when the request's
 *       {@link Fingerprint} matches, and is a {@link Conflict} when it does not;</li>
 *   <li>otherwise claims the key, runs the write and keeps its answer, all in that transaction, so
 *       the answer exists exactly when the write's effects do;</li>
 *   <li>a concurrent request that claimed the same key first (on this node or another) makes the
 *       claim fail with a unique violation once it commits; the key is then read again and that
 *       answer replayed (or the conflict raised).</li>
 * </ol>
 *
 * A write that throws rolls back and keeps nothing, so a retry after a fix runs it. Must not be
 * called inside another write transaction (a lost race aborts the transaction on PostgreSQL).
 * Thread-safe.
 */
public final class IdempotentWrites {
    private final Database db;

    public IdempotentWrites(Database db) {
        this.db = db;
    }

    /** A keyed write: runs in the mechanism's transaction and says what to send now and what to keep. */
    @FunctionalInterface
    public interface Write {
        Written run(Handle h);
    }

    /**
     * What a write answered: {@code sent} now, and {@code kept} for its replays. They differ when
     * the first answer shows a secret once (the kept one is redacted) or when a replay is reported
     * in its own words (an interruption answers {@code duplicate} to a repeat).
     */
    public record Written(Answer sent, Answer kept) {
        public static Written of(Answer answer) {
            return new Written(answer, answer);
        }
    }

    /** The answer to send, and whether it is the replay of an earlier request. */
    public record Answered(Answer answer, boolean replayed) {
    }

    /** Runs {@code write} once per ({@code scope}, {@code key}); see the class comment. */
    public <S> Answered once(AnswerStore<S> store, S scope, String key, Fingerprint fingerprint, Write write) {
        try {
            return db.write(h -> {
                Optional<AnswerStore.Kept> kept = store.find(h, scope, key);
                if (kept.isPresent()) {
                    return replay(store, key, fingerprint, kept.get());
                }
                store.claim(h, scope, key, fingerprint);
                Written written = write.run(h);
                store.keep(h, scope, key, fingerprint, written.kept());
                return new Answered(written.sent(), false);
            });
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            // Another request claimed the key first and has committed: answer as it was answered.
            // A violation of some other unique key leaves nothing under this key; it is rethrown.
            Optional<AnswerStore.Kept> winner = db.read(h -> store.find(h, scope, key));
            if (winner.isEmpty()) {
                throw e;
            }
            return replay(store, key, fingerprint, winner.get());
        }
    }

    private static Answered replay(AnswerStore<?> store, String key, Fingerprint fingerprint, AnswerStore.Kept kept) {
        if (!kept.fingerprint().matches(fingerprint)) {
            throw conflict(store.keyField(), key);
        }
        return new Answered(kept.answer(), true);
    }

    /** The one wording of a reused key, whatever the family of keys. */
    private static Conflict conflict(String keyField, String key) {
        return new Conflict(keyField + " '" + key + "' was already used for a different request");
    }
}
