package dev.herald.evidence.keys;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The issuer's active signing key plus the public halves of retired keys. Rotation makes a fresh
 * active key and retires the old one: its public key stays in {@link #verificationKeys()} so
 * artifacts it signed keep verifying when a verifier pins the ring's keys. Each key may carry the
 * window in which it signed ({@link #window}), which the published key document states so that a
 * verifier accepts a retired key only for what it signed while active. Immutable.
 */
public record KeyRing(IssuerKeyPair active, List<IssuerPublicKey> retired, Map<IssuerPublicKey, KeyWindow> windows) {
    public KeyRing {
        if (active == null) {
            throw new IllegalArgumentException("a key ring needs an active key");
        }
        retired = List.copyOf(retired);
        windows = Map.copyOf(windows);
    }

    /** A ring without recorded windows (every key unbounded). */
    public KeyRing(IssuerKeyPair active, List<IssuerPublicKey> retired) {
        this(active, retired, Map.of());
    }

    public static KeyRing of(IssuerKeyPair active) {
        return new KeyRing(active, List.of());
    }

    /** A ring whose only key became active at {@code since}. */
    public static KeyRing of(IssuerKeyPair active, Instant since) {
        return new KeyRing(active, List.of(), Map.of(active.publicKey(), new KeyWindow(since, null)));
    }

    /** A new ring whose active key is freshly generated; the current key moves to the retired list. */
    public KeyRing rotate(SecureRandom random) {
        return rotateTo(IssuerKeyPair.generate(random));
    }

    public KeyRing rotateTo(IssuerKeyPair next) {
        List<IssuerPublicKey> nowRetired = new ArrayList<>(retired);
        nowRetired.add(active.publicKey());
        return new KeyRing(next, nowRetired, windows);
    }

    /** Rotation at a known instant: the current key's window ends and the next key's begins at {@code at}. */
    public KeyRing rotateTo(IssuerKeyPair next, Instant at) {
        Map<IssuerPublicKey, KeyWindow> nextWindows = new HashMap<>(windows);
        nextWindows.put(active.publicKey(), new KeyWindow(window(active.publicKey()).validFrom(), at));
        nextWindows.put(next.publicKey(), new KeyWindow(at, null));
        List<IssuerPublicKey> nowRetired = new ArrayList<>(retired);
        nowRetired.add(active.publicKey());
        return new KeyRing(next, nowRetired, nextWindows);
    }

    /** The window in which {@code key} signed; unbounded when none was recorded. */
    public KeyWindow window(IssuerPublicKey key) {
        return windows.getOrDefault(key, KeyWindow.UNBOUNDED);
    }

    /** Active key first, then retired keys newest first. */
    public List<IssuerPublicKey> verificationKeys() {
        List<IssuerPublicKey> keys = new ArrayList<>();
        keys.add(active.publicKey());
        for (int i = retired.size() - 1; i >= 0; i--) {
            keys.add(retired.get(i));
        }
        return List.copyOf(keys);
    }

    public Optional<IssuerPublicKey> findByKeyId(String keyId) {
        return verificationKeys().stream().filter(k -> k.matchesKeyId(keyId)).findFirst();
    }
}
