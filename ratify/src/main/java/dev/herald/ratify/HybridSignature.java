package dev.herald.ratify;

import java.util.Objects;

/** A hybrid signature (SPEC 5.3). Both components must verify over the same bytes. */
public record HybridSignature(Bytes ed25519, Bytes mlDsa65) {
    public HybridSignature {
        Objects.requireNonNull(ed25519, "ed25519");
        Objects.requireNonNull(mlDsa65, "mlDsa65");
    }
}
