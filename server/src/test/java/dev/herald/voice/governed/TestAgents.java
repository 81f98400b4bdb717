package dev.herald.voice.governed;

import dev.herald.platform.domain.NotFound;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.Issuer;
import dev.herald.ratify.ProofBundle;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-test {@link AgentProofs}: per profile a real root and agent hybrid key pair and a real
 * delegation root -> agent with the scopes the test gives, presenting real SPEC proofs. (The
 * agents package holds these keys sealed in the database; here they live in memory.)
 */
public final class TestAgents implements AgentProofs {
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Agent(HybridKeyPair key, DelegationCert cert) {
    }

    private final Issuer issuer = new Issuer(Clock.systemUTC(), RANDOM);
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();

    /** Gives the profile an agent delegated {@code scopes} by a fresh root. */
    public TestAgents delegate(String workspaceId, String profileId, List<String> scopes) {
        HybridKeyPair root = HybridKeyPair.generate(RANDOM);
        HybridKeyPair agent = HybridKeyPair.generate(RANDOM);
        agents.put(workspaceId + "/" + profileId, new Agent(agent,
                issuer.delegate(root, agent.publicKey(), scopes, List.of(), Duration.ofHours(1))));
        return this;
    }

    private Agent agent(String ws, String profileId) {
        Agent a = agents.get(ws + "/" + profileId);
        if (a == null) {
            throw new NotFound("profile " + profileId + " has no agent");
        }
        return a;
    }

    @Override
    public String agentId(String workspaceId, String profileId) {
        return agent(workspaceId, profileId).key().id();
    }

    @Override
    public ProofBundle present(String workspaceId, String profileId, Bytes challenge, Bytes sessionContext) {
        Agent a = agent(workspaceId, profileId);
        return issuer.present(a.key(), List.of(a.cert()), challenge, Issuer.Binding.session(sessionContext));
    }
}
