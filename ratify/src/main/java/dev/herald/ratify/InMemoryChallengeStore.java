package dev.herald.ratify;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe, bounded, single-process {@link ChallengeStore}. Consumption is atomic through
 * {@link ConcurrentHashMap#remove(Object, Object)}: two racing presentations of one challenge
 * cannot both win. Expired records are purged lazily on issue. Records live only in this
 * process's memory, so a multi-node verifier needs a shared store instead.
 */
public final class InMemoryChallengeStore implements ChallengeStore {
    private record Issued(Bytes sessionContext, long expiresAt) {}

    private final ConcurrentHashMap<Bytes, Issued> records = new ConcurrentHashMap<>();
    private final int capacity;

    /** @param capacity the maximum number of pending (issued, unconsumed, unexpired) challenges */
    public InMemoryChallengeStore(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public InMemoryChallengeStore() {
        this(100_000);
    }

    @Override
    public void issue(Bytes challenge, Bytes sessionContext, long expiresAt) {
        Objects.requireNonNull(challenge, "challenge");
        if (records.size() >= capacity) {
            purgeExpired(expiresAt - Ratify.CHALLENGE_WINDOW_SECONDS);
            if (records.size() >= capacity) {
                throw new RatifyException("challenge store is full (" + capacity + " pending challenges)");
            }
        }
        if (records.putIfAbsent(challenge, new Issued(sessionContext, expiresAt)) != null) {
            throw new RatifyException("challenge already issued");
        }
    }

    @Override
    public boolean validate(Bytes challenge, Bytes sessionContext, long now) {
        Issued rec = records.get(challenge);
        return rec != null && matches(rec, sessionContext, now);
    }

    @Override
    public boolean consume(Bytes challenge, Bytes sessionContext, long now) {
        Issued rec = records.get(challenge);
        if (rec == null || !matches(rec, sessionContext, now)) {
            return false;
        }
        // Atomic: only the caller that removes this exact record wins.
        return records.remove(challenge, rec);
    }

    /** Number of records currently held, including expired ones not yet purged. */
    public int size() {
        return records.size();
    }

    /** Drops every record that expired before {@code now}. */
    public void purgeExpired(long now) {
        for (Iterator<Map.Entry<Bytes, Issued>> it = records.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().expiresAt() < now) {
                it.remove();
            }
        }
    }

    private static boolean matches(Issued rec, Bytes sessionContext, long now) {
        if (now > rec.expiresAt()) {
            return false;
        }
        return Objects.equals(rec.sessionContext(), sessionContext);
    }
}
