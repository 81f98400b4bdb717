package dev.herald.ratify;

import java.util.List;
import java.util.Objects;

/**
 * A verifier-issued HMAC credential caching one successful chain verification (SPEC 5.13).
 * {@code mac = HMAC-SHA256(session_secret, SignableBytes.sessionToken(token))}.
 */
public record SessionToken(
        int version,
        String sessionId,
        String agentId,
        HybridPublicKey agentPubKey,
        String humanId,
        List<String> grantedScope,
        long issuedAt,
        long validUntil,
        Bytes chainHash,
        Bytes mac) {
    public SessionToken {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(agentPubKey, "agentPubKey");
        Objects.requireNonNull(humanId, "humanId");
        grantedScope = List.copyOf(grantedScope);
        Objects.requireNonNull(chainHash, "chainHash");
        Objects.requireNonNull(mac, "mac");
    }

    public byte[] signableBytes() {
        return SignableBytes.sessionToken(this);
    }
}
