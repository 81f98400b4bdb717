package dev.herald.voice.governed;

import dev.herald.ratify.Bytes;
import dev.herald.ratify.ProofBundle;

/**
 * The agent of a voice profile, as Ratify sees it: its id and a proof it presents for a session
 * start. The agents package implements it over the workspace's root and the profile's agent keys;
 * governed only asks. Implementations must be thread-safe.
 */
public interface AgentProofs {

    /** The Ratify agent id of the profile's agent (NotFound when the profile has none). */
    String agentId(String workspaceId, String profileId);

    /**
     * A SPEC-valid proof bundle signed by the profile's agent over {@code challenge}, bound to
     * {@code sessionContext} (32 bytes, SPEC 6.4.9), carrying its delegation chain.
     */
    ProofBundle present(String workspaceId, String profileId, Bytes challenge, Bytes sessionContext);
}
