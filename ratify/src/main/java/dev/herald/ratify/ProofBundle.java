package dev.herald.ratify;

import java.util.List;
import java.util.Objects;

/**
 * What a presenter hands a verifier (SPEC 5.8): the chain [leaf, ..., root] plus a fresh hybrid
 * challenge signature. {@code sessionContext} and {@code streamId} are null when absent;
 * {@code streamSeq} is 0 when absent.
 */
public record ProofBundle(
        String agentId,
        HybridPublicKey agentPubKey,
        List<DelegationCert> delegations,
        Bytes challenge,
        long challengeAt,
        HybridSignature challengeSig,
        Bytes sessionContext,
        Bytes streamId,
        long streamSeq) {

    public ProofBundle {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(agentPubKey, "agentPubKey");
        delegations = List.copyOf(delegations);
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(challengeSig, "challengeSig");
    }

    /** The bytes the challenge signature covers (SPEC 6.4.2): 40, 72, 80 or 112 bytes. */
    public byte[] challengeSignableBytes() {
        return SignableBytes.challenge(challenge, challengeAt, sessionContext, streamId, streamSeq);
    }
}
