package dev.herald.ratify;

import java.util.Objects;

/** A hybrid public key (SPEC 5.2): a 32-byte Ed25519 key and a 1952-byte ML-DSA-65 key. */
public record HybridPublicKey(Bytes ed25519, Bytes mlDsa65) {
    public HybridPublicKey {
        Objects.requireNonNull(ed25519, "ed25519");
        Objects.requireNonNull(mlDsa65, "mlDsa65");
    }

    /** True when both components have the sizes of SPEC 5.1. Lengths are checked by the verifier. */
    public boolean hasValidLengths() {
        return ed25519.length() == Ratify.ED25519_PUBLIC_KEY_SIZE
                && mlDsa65.length() == Ratify.MLDSA65_PUBLIC_KEY_SIZE;
    }

    /** The identifier of SPEC 7: hex(SHA-256(ed25519 || ml_dsa_65)[:16]). */
    public String deriveId() {
        return Identifiers.deriveId(this);
    }
}
