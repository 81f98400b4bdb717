package dev.herald.evidence.keys;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The issuer's active signing key plus the public halves of retired keys. Rotation makes a fresh
 * active key and retires the old one: its public key stays in {@link #verificationKeys()} so
 * artifacts it signed keep verifying when a verifier pins the ring's keys. Immutable.
 */
public record KeyRing(IssuerKeyPair active, List<IssuerPublicKey> retired) {
    public KeyRing {
        if (active == null) {
            throw new IllegalArgumentException("a key ring needs an active key");
        }
        retired = List.copyOf(retired);
    }

    public static KeyRing of(IssuerKeyPair active) {
        return new KeyRing(active, List.of());
    }

    /** A new ring whose active key is freshly generated; the current key moves to the retired list. */
    public KeyRing rotate(SecureRandom random) {
        return rotateTo(IssuerKeyPair.generate(random));
    }

    public KeyRing rotateTo(IssuerKeyPair next) {
        List<IssuerPublicKey> nowRetired = new ArrayList<>(retired);
        nowRetired.add(active.publicKey());
        return new KeyRing(next, nowRetired);
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
