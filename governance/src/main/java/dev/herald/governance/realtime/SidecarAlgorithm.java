package dev.herald.governance.realtime;

import java.util.Arrays;
import java.util.Optional;

/** Algorithms of registered sidecar keys, with their raw public key sizes. */
public enum SidecarAlgorithm {
    ED25519("ed25519", 32),
    ML_DSA_65("ml-dsa-65", 1952);

    private final String wire;
    private final int publicKeySize;

    SidecarAlgorithm(String wire, int publicKeySize) {
        this.wire = wire;
        this.publicKeySize = publicKeySize;
    }

    public String wire() {
        return wire;
    }

    public int publicKeySize() {
        return publicKeySize;
    }

    public static Optional<SidecarAlgorithm> fromWire(String s) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(s)).findFirst();
    }
}
