package dev.herald.ratify;

import java.util.List;
import java.util.Objects;

/** The public top-of-chain identity of a human or tenant admin (SPEC 5.4). */
public record HumanRoot(String id, HybridPublicKey publicKey, long createdAt, List<Anchor> anchors) {
    public HumanRoot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publicKey, "publicKey");
        anchors = anchors == null ? List.of() : List.copyOf(anchors);
    }
}
