package dev.herald.ratify;

import dev.herald.ratify.internal.Digests;
import java.util.Objects;

/**
 * Cached policy verdicts (SPEC 17.6): the context hash, issuance and the check. Stateless and
 * thread-safe. The verifier uses {@link #check} through {@link VerifyOptions.Builder#policyVerdict};
 * call it directly to inspect a verdict.
 */
public final class PolicyVerdicts {
    /** The smallest policy secret {@link #issue} accepts, in bytes (as for session tokens). */
    public static final int MIN_SECRET_BYTES = 32;

    private PolicyVerdicts() {}

    /** Why a verdict cannot be used: a closed set, Herald's own codes (the spec fixes none). */
    public enum Defect {
        UNSUPPORTED_VERSION("policy_verdict_unsupported_version"),
        MALFORMED("policy_verdict_malformed"),
        NO_SECRET("policy_verdict_no_secret"),
        BAD_MAC("policy_verdict_bad_mac"),
        NOT_YET_VALID("policy_verdict_not_yet_valid"),
        EXPIRED("policy_verdict_expired"),
        AGENT_MISMATCH("policy_verdict_agent_mismatch"),
        SCOPE_MISMATCH("policy_verdict_scope_mismatch"),
        CONTEXT_MISMATCH("policy_verdict_context_mismatch");

        private final String code;

        Defect(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** What a verdict says for one verification: a closed set. */
    public sealed interface Outcome permits Allowed, Denied, Unusable {}

    /** MAC valid, fresh, every field matches, {@code allow = true}. */
    public record Allowed(String verdictId) implements Outcome {}

    /** MAC valid, fresh, every field matches, {@code allow = false}: a cached deny. */
    public record Denied(String verdictId, String errorReason) implements Outcome {}

    /** The verdict cannot be relied on; the verifier falls back to live policy. */
    public record Unusable(Defect defect, String errorReason) implements Outcome {}

    /**
     * SHA-256 of the canonical JSON of the policy-relevant subset of {@code context} (location,
     * altitude, speed, amount, currency and their flags; the rate counter and resource inputs are
     * excluded).
     *
     * @throws IllegalArgumentException when a number is NaN or infinite (no JSON form)
     */
    public static Bytes verifierContextHash(VerifierContext context) {
        return Bytes.wrap(Digests.sha256(SignableBytes.verifierContext(context)));
    }

    /** Issues a verdict MACed under {@code policySecret} (at least {@link #MIN_SECRET_BYTES}). */
    public static PolicyVerdict issue(String verdictId, String agentId, String scope, boolean allow,
            Bytes contextHash, long issuedAt, long validUntil, Bytes policySecret) {
        if (policySecret == null || policySecret.length() < MIN_SECRET_BYTES) {
            throw new RatifyException("policy secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (contextHash == null || contextHash.length() != 32) {
            throw new IllegalArgumentException("context_hash must be 32 bytes");
        }
        if (validUntil < issuedAt) {
            throw new RatifyException("valid_until precedes issued_at");
        }
        PolicyVerdict unsigned = new PolicyVerdict(Ratify.PROTOCOL_VERSION, verdictId, agentId, scope,
                allow, contextHash, issuedAt, validUntil, Bytes.empty());
        return withMac(unsigned, policySecret);
    }

    /** Returns {@code v} with its MAC recomputed under {@code secret}. */
    public static PolicyVerdict withMac(PolicyVerdict v, Bytes secret) {
        byte[] mac = Digests.hmacSha256(secret.unsafeArray(), SignableBytes.policyVerdict(v));
        return new PolicyVerdict(v.version(), v.verdictId(), v.agentId(), v.scope(), v.allow(),
                v.contextHash(), v.issuedAt(), v.validUntil(), Bytes.wrap(mac));
    }

    /**
     * Checks a verdict for one verification. Order: version, lengths, secret, MAC (before any
     * field is trusted), lifetime ({@code issued_at <= now <= valid_until}), agent, scope, context.
     */
    public static Outcome check(PolicyVerdict v, Bytes policySecret, String expectedAgentId,
            String expectedScope, Bytes expectedContextHash, long now) {
        Objects.requireNonNull(v, "verdict");
        if (v.version() != Ratify.PROTOCOL_VERSION) {
            return unusable(Defect.UNSUPPORTED_VERSION, "unsupported version " + v.version());
        }
        if (v.contextHash().length() != 32 || v.mac().length() != 32) {
            return unusable(Defect.MALFORMED, "context_hash and mac must be 32 bytes");
        }
        if (policySecret == null || policySecret.isEmpty()) {
            return unusable(Defect.NO_SECRET, "no policy secret to check the MAC with");
        }
        byte[] expected = Digests.hmacSha256(policySecret.unsafeArray(), SignableBytes.policyVerdict(v));
        if (!v.mac().constantTimeEquals(Bytes.wrap(expected))) {
            return unusable(Defect.BAD_MAC, "MAC invalid");
        }
        if (now < v.issuedAt()) {
            return unusable(Defect.NOT_YET_VALID, "issued after now");
        }
        if (now > v.validUntil()) {
            return unusable(Defect.EXPIRED, "expired at " + v.validUntil());
        }
        if (!v.agentId().equals(expectedAgentId)) {
            return unusable(Defect.AGENT_MISMATCH, "issued for another agent");
        }
        if (!v.scope().equals(expectedScope)) {
            return unusable(Defect.SCOPE_MISMATCH, "gates scope \"" + v.scope() + "\", not \""
                    + expectedScope + "\"");
        }
        if (expectedContextHash == null || !v.contextHash().constantTimeEquals(expectedContextHash)) {
            return unusable(Defect.CONTEXT_MISMATCH, "issued for another verifier context");
        }
        if (!v.allow()) {
            return new Denied(v.verdictId(), "policy_verdict_denied: cached verdict " + v.verdictId()
                    + " denies scope \"" + v.scope() + "\"");
        }
        return new Allowed(v.verdictId());
    }

    /**
     * The spec's {@code VerifyPolicyVerdict}: returns normally on a cached allow, throws
     * {@link VerdictException} otherwise (a cached deny as {@code policy_verdict_denied}).
     */
    public static void verify(PolicyVerdict v, Bytes policySecret, String expectedAgentId,
            String expectedScope, Bytes expectedContextHash, long now) {
        switch (check(v, policySecret, expectedAgentId, expectedScope, expectedContextHash, now)) {
            case Allowed a -> { }
            case Denied d -> throw new VerdictException(null, d.errorReason());
            case Unusable u -> throw new VerdictException(u.defect(), u.errorReason());
        }
    }

    /** A verdict that is a cached deny ({@link #defect()} null) or unusable. */
    public static final class VerdictException extends RatifyException {
        private final Defect defect;

        VerdictException(Defect defect, String message) {
            super(message);
            this.defect = defect;
        }

        /** Null for a cached deny. */
        public Defect defect() {
            return defect;
        }
    }

    private static Unusable unusable(Defect d, String detail) {
        return new Unusable(d, d.code() + ": " + detail);
    }
}
