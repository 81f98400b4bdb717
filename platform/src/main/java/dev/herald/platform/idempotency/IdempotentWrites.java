package dev.herald.platform.idempotency;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.store.Database;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
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

    /**
     * As {@link #once}, for a write whose answer needs a network call once the write has committed
     * (ending a session, then time-stamping its artifact): {@code write} runs in the transaction
     * that claims the key and commits with it; {@code answer} runs after that, outside any
     * transaction, and what it answers is kept in a second, short one. A request that finds the key
     * claimed but unanswered (a crash or a concurrent duplicate in between) runs {@code answer}
     * itself; the first answer kept is the one every replay gets, so {@code answer} must derive it
     * from committed state alone. Only for stores that claim keys before the write ({@link
     * AnswerStore#claim}) and keep the first answer of a claim.
     */
    public <S> Answered onceThenAnswer(AnswerStore<S> store, S scope, String key, Fingerprint fingerprint,
                                       Consumer<Handle> write, Supplier<Written> answer) {
        Optional<AnswerStore.Kept> earlier;
        try {
            earlier = db.write(h -> {
                Optional<AnswerStore.Kept> kept = store.find(h, scope, key);
                if (kept.isEmpty()) {
                    store.claim(h, scope, key, fingerprint);
                    write.accept(h);
                }
                return kept;
            });
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            earlier = db.read(h -> store.find(h, scope, key));
            if (earlier.isEmpty()) {
                throw e;
            }
        }
        if (earlier.isPresent()) {
            checkFingerprint(store, key, fingerprint, earlier.get());
            if (!earlier.get().pending()) {
                return new Answered(earlier.get().answer(), true);
            }
        }
        Written written = answer.get();
        Answer first = db.write(h -> {
            store.keep(h, scope, key, fingerprint, written.kept());
            return store.find(h, scope, key).orElseThrow().answer();
        });
        boolean ours = written.kept().equals(first);
        return ours ? new Answered(written.sent(), earlier.isPresent()) : new Answered(first, true);
    }

    private static Answered replay(AnswerStore<?> store, String key, Fingerprint fingerprint, AnswerStore.Kept kept) {
        checkFingerprint(store, key, fingerprint, kept);
        if (kept.pending()) {
            // Claimed by a write whose answer is still being made after its commit.
            throw new Conflict(store.keyField() + " '" + key + "' is still being answered; retry shortly");
        }
        return new Answered(kept.answer(), true);
    }

    private static void checkFingerprint(AnswerStore<?> store, String key, Fingerprint fingerprint,
                                         AnswerStore.Kept kept) {
        if (!kept.fingerprint().matches(fingerprint)) {
            throw conflict(store.keyField(), key);
        }
    }

    /** The one wording of a reused key, whatever the family of keys. */
    private static Conflict conflict(String keyField, String key) {
        return new Conflict(keyField + " '" + key + "' was already used for a different request");
    }
}
