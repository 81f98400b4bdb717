package dev.herald.platform.idempotency;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Where one family of keys keeps its answers, for {@link IdempotentWrites}. A feature keeps its
 * own table when the answer must commit in the feature's own transaction (an atom batch's answer
 * is written with the batch); the generic {@code Idempotency-Key} records live in
 * {@code idempotency_records}.
 *
 * <p>Contract: every method runs on the handle of the write transaction (or, after a lost race,
 * of a read). {@link #find} returns exactly what {@link #keep} stored (the same status and
 * characters), or, for a key the write claimed through its own unique row, an answer derived
 * from that row that is the same on every call. A concurrent second claim of one key must fail
 * with a unique violation, either in {@link #claim} or in the write's own insert. Thread-safe.
 *
 * @param <S> the scope a key is unique in (a project, a session)
 */
public interface AnswerStore<S> {
    /** The request member or header that carries the key, as a conflict names it ({@code Idempotency-Key}). */
    String keyField();

    /** The answer kept for {@code key} in {@code scope}, with the fingerprint of the request that produced it. */
    Optional<Kept> find(Handle h, S scope, String key);

    /**
     * Claims {@code key} before the write runs. Does nothing by default: for a store whose write
     * inserts a row unique on the key, that insert is the claim.
     */
    default void claim(Handle h, S scope, String key, Fingerprint fingerprint) {
    }

    /**
     * Keeps {@code answer} for {@code key}, in the write's transaction. A store that claims keys
     * before their answer exists keeps only the first answer given for a claim.
     */
    void keep(Handle h, S scope, String key, Fingerprint fingerprint, Answer answer);

    /**
     * A kept answer and the fingerprint of the request it answered. {@code answer} is null while a
     * claimed key waits for an answer made after its write committed
     * ({@link IdempotentWrites#onceThenAnswer}).
     */
    record Kept(Fingerprint fingerprint, Answer answer) {
        public boolean pending() {
            return answer == null;
        }
    }
}
