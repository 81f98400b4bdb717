package dev.herald.governance.identity;

import dev.herald.ratify.Bytes;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.HybridPublicKey;
import dev.herald.ratify.VerificationReceipt;
import dev.herald.ratify.VerificationReceipts;
import dev.herald.ratify.Issuer;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.SignatureCache;
import dev.herald.ratify.Verifier;
import dev.herald.ratify.VerifierContext;
import dev.herald.ratify.VerifyOptions;
import dev.herald.ratify.VerifyResult;
import dev.herald.platform.auth.Caller;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The verifier side of Ratify for API callers: issues single-use challenges bound to the caller
 * and verifies proof bundles against them, the workspace's revocation lists and the clock.
 * Thread-safe.
 */
public final class RatifyService {
    /** Verified cert signatures kept in memory; expiry, revocation and scope are still checked each time. */
    private static final int SIGNATURE_CACHE_ENTRIES = 10_000;

    private final ChallengeRecords challenges;
    private final RevocationRegistry revocations;
    private final Clock clock;
    private final Issuer issuer;
    private final Verifier verifier = Verifier.create();
    private final dev.herald.ratify.SessionTokens turns = dev.herald.ratify.SessionTokens.create();
    private final SignatureCache signatureCache = new SignatureCache(SIGNATURE_CACHE_ENTRIES);
    private final HybridKeyPair receiptKey;
    private final SecureRandom random;

    /**
     * @param receiptKey the install's hybrid verifier key that signs verification receipts
     *                   (null: receipts are unavailable, as in CLI paths that never verify)
     */
    public RatifyService(ChallengeRecords challenges, RevocationRegistry revocations, Clock clock,
                         SecureRandom random, HybridKeyPair receiptKey) {
        this.challenges = challenges;
        this.revocations = revocations;
        this.clock = clock;
        this.issuer = new Issuer(clock, random);
        this.receiptKey = receiptKey;
        this.random = random;
    }

    /** The public half of the key that signs receipts, if this install has one. */
    public java.util.Optional<HybridPublicKey> receiptKey() {
        return java.util.Optional.ofNullable(receiptKey).map(HybridKeyPair::publicKey);
    }

    /**
     * A signed verification receipt (SPEC 17.5) of {@code result} for {@code bundle}, dated now.
     *
     * @param prevHash the caller's previous receipt hash, or {@link VerificationReceipts#GENESIS}
     */
    public VerificationReceipt receipt(ProofBundle bundle, VerifyResult result, Bytes prevHash) {
        if (receiptKey == null) {
            throw new IllegalStateException("this process has no Ratify verifier key");
        }
        return VerificationReceipts.issue(bundle, result, receiptKey, prevHash,
                clock.instant().getEpochSecond(), random);
    }

    public RevocationRegistry revocations() {
        return revocations;
    }

    /** A fresh challenge for {@code caller}, optionally bound to a 32-byte session context. */
    public Issuer.IssuedChallenge issueChallenge(Caller caller, Bytes sessionContext) {
        challenges.purgeExpired(clock.instant().getEpochSecond());
        return issuer.issueChallenge(challenges.forTenant(caller.workspaceId(), caller.projectId()), sessionContext);
    }

    /**
     * Verifies one streamed turn under a session token (SPEC 5.13): the token's HMAC with the
     * session secret, the turn's challenge (issued to the session's project, consumed here), its
     * session and stream bindings and {@code requiredScope}. The caller advances its stored stream
     * sequence when, and only when, the result is valid.
     */
    public VerifyResult verifyTurn(String workspaceId, String projectId, dev.herald.ratify.SessionToken token,
                                   Bytes sessionSecret, dev.herald.ratify.StreamedTurn turn, String requiredScope,
                                   Bytes sessionContext, dev.herald.ratify.StreamContext stream) {
        dev.herald.ratify.StreamedVerifyOptions options = dev.herald.ratify.StreamedVerifyOptions.of(clock)
                .withRequiredScope(requiredScope)
                .withChallengeStore(challenges.forTenant(workspaceId, projectId))
                .withSessionContext(sessionContext)
                .withStream(stream);
        return turns.verifyTurn(token, sessionSecret, turn, options);
    }

    /** What a verification request asks beyond the bundle itself. */
    public record Request(String requiredScope, Bytes sessionContext, boolean forceRevocationCheck,
                          VerifierContext context) {
    }

    /**
     * Full verification (SPEC 10) of a decoded bundle. The challenge must be one this server
     * issued to the same caller, unexpired and unused; it is consumed once its signature verifies.
     */
    public VerifyResult verify(Caller caller, ProofBundle bundle, Request request) {
        VerifyOptions options = VerifyOptions.builder(clock)
                .requiredScope(request.requiredScope())
                .sessionContext(request.sessionContext())
                .forceRevocationCheck(request.forceRevocationCheck())
                .context(request.context())
                .revocation(revocations.providerFor(caller.workspaceId()))
                .challengeStore(challenges.forTenant(caller.workspaceId(), caller.projectId()))
                .signatureCache(signatureCache)
                .build();
        return verifier.verify(bundle, options);
    }
}
