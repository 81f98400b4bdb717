package dev.herald.ratify;

import dev.herald.ratify.internal.Digests;
import dev.herald.ratify.internal.HybridVerify;
import java.util.List;
import java.util.TreeSet;

/**
 * Session tokens (SPEC 5.13): issuance after a successful full verification, and the per-turn
 * verification that checks the token's HMAC and a fresh challenge signature instead of the chain.
 * Revocation and expiry of the underlying certs are not re-checked during the token's lifetime;
 * size {@code validUntil - issuedAt} to the revocation staleness you accept. Thread-safe.
 */
public final class SessionTokens {
    /** The smallest session secret accepted, in bytes. */
    public static final int MIN_SECRET_BYTES = 32;

    private final boolean parallel;

    private SessionTokens(boolean parallel) {
        this.parallel = parallel;
    }

    public static SessionTokens create() {
        return new SessionTokens(HybridVerify.parallelByDefault());
    }

    public static SessionTokens sequential() {
        return new SessionTokens(false);
    }

    /** Issues a token for a bundle that {@code result} reports as successfully verified. */
    public static SessionToken issue(ProofBundle bundle, VerifyResult result, String sessionId,
            long issuedAt, long validUntil, Bytes sessionSecret) {
        if (!result.valid()) {
            throw new RatifyException("cannot issue a session token for a failed verification");
        }
        if (!bundle.agentId().equals(result.agentId())) {
            throw new RatifyException("verification result does not belong to this bundle");
        }
        if (validUntil < issuedAt) {
            throw new RatifyException("valid_until precedes issued_at");
        }
        requireSecret(sessionSecret);
        SessionToken unsigned = new SessionToken(Ratify.PROTOCOL_VERSION, sessionId, bundle.agentId(),
                bundle.agentPubKey(), result.humanId(), List.copyOf(new TreeSet<>(result.grantedScope())),
                issuedAt, validUntil, SignableBytes.chainHash(bundle.delegations()), Bytes.empty());
        return withMac(unsigned, sessionSecret);
    }

    /** Returns {@code token} with its MAC recomputed under {@code secret}. */
    public static SessionToken withMac(SessionToken t, Bytes secret) {
        byte[] mac = Digests.hmacSha256(secret.unsafeArray(), SignableBytes.sessionToken(t));
        return new SessionToken(t.version(), t.sessionId(), t.agentId(), t.agentPubKey(), t.humanId(),
                t.grantedScope(), t.issuedAt(), t.validUntil(), t.chainHash(), Bytes.wrap(mac));
    }

    private static void requireSecret(Bytes secret) {
        if (secret == null || secret.length() < MIN_SECRET_BYTES) {
            throw new RatifyException("session secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
    }

    private static VerifyResult tokenInvalid(String detail) {
        return VerifyResult.failure(FailureReason.SESSION_TOKEN_INVALID, detail);
    }

    /**
     * Verifies one streamed turn. Order: token shape, HMAC (a cheap authenticator checked before
     * the challenge store so unauthenticated callers cannot probe it), lifetime, bindings, store
     * pre-check, freshness, challenge signature, store consumption, then the scope gate.
     */
    public VerifyResult verifyTurn(SessionToken token, Bytes sessionSecret, StreamedTurn turn,
            StreamedVerifyOptions opts) {
        long now = opts.nowEpochSeconds();
        if (token.version() != Ratify.PROTOCOL_VERSION) {
            return tokenInvalid("session_token has unsupported version " + token.version());
        }
        if (token.chainHash().length() != 32 || token.mac().length() != 32) {
            return tokenInvalid("session_token chain_hash and mac must be 32 bytes");
        }
        if (sessionSecret == null || sessionSecret.isEmpty()) {
            return tokenInvalid("session_token MAC invalid");
        }
        byte[] expected = Digests.hmacSha256(sessionSecret.unsafeArray(),
                SignableBytes.sessionToken(token));
        if (!token.mac().constantTimeEquals(Bytes.wrap(expected))) {
            return tokenInvalid("session_token MAC invalid");
        }
        if (now < token.issuedAt()) {
            return tokenInvalid("session_token not yet valid");
        }
        if (now > token.validUntil()) {
            return tokenInvalid("session_token expired");
        }
        if (turn.challenge().isEmpty()) {
            return VerifyResult.failure(FailureReason.NO_CHALLENGE, "turn contains no challenge");
        }
        Bytes turnCtx = present(turn.sessionContext()) ? turn.sessionContext() : null;
        Bytes optCtx = present(opts.sessionContext()) ? opts.sessionContext() : null;
        if (turnCtx != null && turnCtx.length() != 32) {
            return VerifyResult.failure(FailureReason.INVALID_SESSION_CONTEXT,
                    "session_context must be 32 bytes, got " + turnCtx.length());
        }
        if (optCtx != null && optCtx.length() != 32) {
            return VerifyResult.failure(FailureReason.INVALID_SESSION_CONTEXT,
                    "verify option session_context must be 32 bytes, got " + optCtx.length());
        }
        if (optCtx != null) {
            if (turnCtx == null) {
                return VerifyResult.failure(FailureReason.MISSING_SESSION_CONTEXT,
                        "verifier requires a session-bound challenge but turn has no session_context");
            }
            if (!turnCtx.constantTimeEquals(optCtx)) {
                return VerifyResult.failure(FailureReason.SESSION_CONTEXT_MISMATCH,
                        "turn session_context does not match verifier context");
            }
        } else if (turnCtx != null) {
            return VerifyResult.failure(FailureReason.SESSION_CONTEXT_UNVERIFIABLE,
                    "turn has session_context but verifier did not provide one");
        }
        VerifyResult streamFail = StreamChecks.check(turn.streamId(), turn.streamSeq(), opts.stream());
        if (streamFail != null) {
            return streamFail;
        }
        ChallengeStore store = opts.challengeStore();
        if (store != null
                && !Verifier.storeCall(() -> store.validate(turn.challenge(), optCtx, now))) {
            return VerifyResult.failure(FailureReason.UNKNOWN_CHALLENGE,
                    Verifier.UNKNOWN_CHALLENGE_DETAIL);
        }
        long age = now - turn.challengeAt();
        if (age < 0 || age > Ratify.CHALLENGE_WINDOW_SECONDS) {
            return VerifyResult.failure(FailureReason.STALE_CHALLENGE, "challenge is " + age
                    + " seconds old (max " + Ratify.CHALLENGE_WINDOW_SECONDS + ")");
        }
        String keyErr = Verifier.keyLengthError(token.agentPubKey(), "agent");
        if (keyErr != null) {
            return VerifyResult.failure(FailureReason.INVALID_AGENT_KEY, keyErr);
        }
        byte[] msg = SignableBytes.challenge(turn.challenge(), turn.challengeAt(), turnCtx,
                turn.streamId(), turn.streamSeq());
        String sigErr = Verifier.startSig(parallel, token.agentPubKey(), msg, turn.challengeSig())
                .await();
        if (sigErr != null) {
            return VerifyResult.failure(FailureReason.BAD_CHALLENGE_SIG,
                    "challenge signature verification failed: " + sigErr);
        }
        if (store != null
                && !Verifier.storeCall(() -> store.consume(turn.challenge(), optCtx, now))) {
            return VerifyResult.failure(FailureReason.UNKNOWN_CHALLENGE,
                    Verifier.UNKNOWN_CHALLENGE_DETAIL);
        }
        String required = opts.requiredScope();
        if (required != null && !required.isEmpty() && !token.grantedScope().contains(required)) {
            return VerifyResult.failure(FailureReason.SCOPE_DENIED,
                    "required scope \"" + required + "\" not in session token granted scope");
        }
        return VerifyResult.success(token.humanId(), token.agentId(), token.grantedScope());
    }

    private static boolean present(Bytes b) {
        return b != null && !b.isEmpty();
    }
}
