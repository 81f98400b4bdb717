package dev.herald.ratify;

import java.util.Objects;

/**
 * A cached, HMAC-bound policy decision for one {@code (agent_id, scope, context_hash)} (SPEC
 * 17.6): {@code mac = HMAC-SHA256(policy_secret, SignableBytes.policyVerdict(verdict))}. Issue and
 * check with {@link PolicyVerdicts}; the verifier consults it through
 * {@link VerifyOptions.Builder#policyVerdict}.
 *
 * @param allow false is an explicit cached deny
 * @param contextHash {@link PolicyVerdicts#verifierContextHash} of the context it was decided for
 */
public record PolicyVerdict(
        int version,
        String verdictId,
        String agentId,
        String scope,
        boolean allow,
        Bytes contextHash,
        long issuedAt,
        long validUntil,
        Bytes mac) {

    public PolicyVerdict {
        Objects.requireNonNull(verdictId, "verdictId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(contextHash, "contextHash");
        Objects.requireNonNull(mac, "mac");
    }
}
