package dev.herald.ratify.crypto;

import java.util.List;
import java.util.Objects;

/**
 * Verification of many pure Ed25519 signatures (RFC 8032, no context), one answer per item.
 *
 * <p>The rule: item i is accepted exactly when {@link Ed25519s#verify} accepts it, the
 * cofactorless check of the Ratify Go reference. Each item is therefore checked on its own.
 *
 * <p>Why not a batch equation: a random linear combination of the items' equations is only sound
 * when it is multiplied by the cofactor 8 (otherwise a small-order difference in one item, or two
 * that cancel, escapes with probability up to 1/2), and the equation multiplied by 8 is the
 * cofactored one, which accepts signatures whose R carries a small-order component (vectors 4
 * and 5 of the Ed25519 edge cases) that Go and the single check reject. Telling such an item
 * apart needs the small-order component of its R, i.e. a multiplication by L per item, which
 * costs as much as the single check it would save. So the batch gives up its shared doublings
 * for the exact answer; the decoded keys and their tables are still shared (cached).
 *
 * <p>Thread-safe. Callers must not mutate the item arrays during a call.
 */
public final class Ed25519Batch {
    public static final int PUBLIC_KEY_SIZE = Ed25519s.PUBLIC_KEY_SIZE;
    public static final int SIGNATURE_SIZE = Ed25519s.SIGNATURE_SIZE;

    /** One signature to check: a 32-byte public key, the signed message and a 64-byte signature. */
    public record Item(byte[] publicKey, byte[] message, byte[] signature) {
        public Item {
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** Verifies every item; {@code result[i]} says whether item i is valid. */
    public boolean[] verify(List<Item> items) {
        boolean[] valid = new boolean[items.size()];
        for (int i = 0; i < valid.length; i++) {
            Item item = items.get(i);
            valid[i] = Ed25519s.verify(item.publicKey(), item.message(), item.signature());
        }
        return valid;
    }
}
