package dev.herald.ratify;

import java.util.Objects;

/**
 * One per-turn presentation under a session token: a fresh challenge signed by the agent key,
 * with the same optional session and stream bindings as a {@link ProofBundle} (null when absent,
 * {@code streamSeq} 0 when absent).
 */
public record StreamedTurn(
        Bytes challenge,
        long challengeAt,
        HybridSignature challengeSig,
        Bytes sessionContext,
        Bytes streamId,
        long streamSeq) {
    public StreamedTurn {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(challengeSig, "challengeSig");
    }

    public static StreamedTurn unbound(Bytes challenge, long challengeAt, HybridSignature sig) {
        return new StreamedTurn(challenge, challengeAt, sig, null, null, 0);
    }
}
