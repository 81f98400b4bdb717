package dev.herald.ratify;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The public identity of an agent (SPEC 5.6). */
public record AgentIdentity(String id, HybridPublicKey publicKey, String name, String agentType,
        long createdAt) {
    public AgentIdentity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(agentType, "agentType");
        if (name.getBytes(StandardCharsets.UTF_8).length > Ratify.MAX_AGENT_NAME_LENGTH_BYTES) {
            throw new IllegalArgumentException("agent name exceeds MAX_AGENT_NAME_LENGTH_BYTES");
        }
    }
}
