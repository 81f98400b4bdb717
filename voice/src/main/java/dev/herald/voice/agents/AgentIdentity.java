package dev.herald.voice.agents;

import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridPublicKey;
import java.util.List;

/**
 * The public half of a profile's agent: its Ratify id and key, the scopes it holds and the
 * delegation cert from its workspace's root that grants them.
 */
public record AgentIdentity(String agentId, HybridPublicKey publicKey, List<String> scopes, DelegationCert cert,
                            String rootId, HybridPublicKey rootKey) {
    public AgentIdentity {
        scopes = List.copyOf(scopes);
    }
}
