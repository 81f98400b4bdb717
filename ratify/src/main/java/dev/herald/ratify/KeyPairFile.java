package dev.herald.ratify;

import java.util.Objects;

/**
 * The on-disk form of a private key pair ({@code "kind": "ratify.keypair.v1"}), documented in
 * ratify/README.md. {@code role} is {@code human_root} or {@code agent}; {@code name} and
 * {@code agentType} are null for roots. Encode and decode with {@link RatifyJson}.
 */
public record KeyPairFile(String role, HybridKeyPair keyPair, String name, String agentType,
        long createdAt) {
    public static final String KIND = "ratify.keypair.v1";

    public KeyPairFile {
        Objects.requireNonNull(keyPair, "keyPair");
        if (!"human_root".equals(role) && !"agent".equals(role)) {
            throw new IllegalArgumentException("role must be human_root or agent");
        }
        if ("agent".equals(role) && (name == null || agentType == null)) {
            throw new IllegalArgumentException("an agent key file needs name and agent_type");
        }
    }

    public static KeyPairFile humanRoot(HybridKeyPair kp, long createdAt) {
        return new KeyPairFile("human_root", kp, null, null, createdAt);
    }

    public static KeyPairFile agent(HybridKeyPair kp, String name, String agentType, long createdAt) {
        return new KeyPairFile("agent", kp, name, agentType, createdAt);
    }
}
