package dev.herald.ratify;

import dev.herald.ratify.internal.HybridVerify;
import dev.herald.ratify.internal.SharedChecks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The verifier algorithm of SPEC 10. {@link #verify} always returns a result and never throws for
 * bad input: every failure, including exceptions from providers, becomes a {@link VerifyResult}
 * with a {@link FailureReason}. Thread-safe; one instance can serve a whole process.
 *
 * <p>When every cheap structural, temporal and chain check passes, the signature checks of the
 * whole bundle are started together so the two hybrid components (and the cert and challenge
 * signatures) overlap on multi-core machines. The reported failure is identical to the one a
 * sequential run reports.
 */
public final class Verifier {
    static final String UNKNOWN_CHALLENGE_DETAIL =
            "challenge was not issued by this verifier or has already been used";

    private final boolean parallel;

    private Verifier(boolean parallel) {
        this.parallel = parallel;
    }

    /** Parallel signature checks when the machine has more than one CPU. */
    public static Verifier create() {
        return new Verifier(HybridVerify.parallelByDefault());
    }

    /** Every signature component checked on the calling thread. */
    public static Verifier sequential() {
        return new Verifier(false);
    }

    /**
     * The primitive checks of a bundle shared between the calling thread and a small daemon pool
     * (one helper per other CPU).
     */
    public static Verifier parallel() {
        return new Verifier(true);
    }

    boolean isParallel() {
        return parallel;
    }

    /** Full verification of a proof bundle (SPEC 10, plus providers of SPEC 17). */
    public VerifyResult verify(ProofBundle bundle, VerifyOptions opts) {
        VerifyResult res = verifyCore(bundle, opts);
        if (opts.audit() != null) {
            try {
                opts.audit().logVerification(res, bundle);
            } catch (Exception | LinkageError ignored) {
                // SPEC 17.3: audit is observation; its failures never change the verdict.
            }
        }
        return res;
    }

    /**
     * Decodes untrusted bundle bytes strictly and verifies them. Decode failures become an
     * {@code invalid} result (SPEC 5.1) and are reported to the audit provider with a null bundle.
     */
    public VerifyResult verifyWire(byte[] bundleJson, VerifyOptions opts) {
        ProofBundle bundle;
        try {
            bundle = RatifyJson.decodeProofBundle(bundleJson);
        } catch (RatifyDecodeException e) {
            VerifyResult res = RatifyJson.decodeFailureResult(e);
            if (opts.audit() != null) {
                try {
                    opts.audit().logVerification(res, null);
                } catch (Exception | LinkageError ignored) {
                    // Audit never changes the verdict.
                }
            }
            return res;
        }
        return verify(bundle, opts);
    }

    private static VerifyResult fail(FailureReason r, String detail) {
        return VerifyResult.failure(r, detail);
    }

    private static boolean present(Bytes b) {
        return b != null && !b.isEmpty();
    }

    private VerifyResult verifyCore(ProofBundle b, VerifyOptions opts) {
        long now = opts.nowEpochSeconds();
        List<DelegationCert> chain = b.delegations();
        int n = chain.size();
        // --- 1. structure and input bounds (SPEC 5.1) ---
        if (n == 0) {
            return fail(FailureReason.NO_DELEGATIONS, "proof bundle contains no delegation certificates");
        }
        if (n > Ratify.MAX_DELEGATION_CHAIN_DEPTH) {
            return fail(FailureReason.CHAIN_TOO_DEEP, "delegation chain exceeds maximum depth");
        }
        if (b.challenge().isEmpty()) {
            return fail(FailureReason.NO_CHALLENGE, "proof bundle contains no challenge");
        }
        VerifyResult bounds = checkBounds(chain);
        if (bounds != null) {
            return bounds;
        }
        // --- 2. session binding ---
        Bytes bundleCtx = present(b.sessionContext()) ? b.sessionContext() : null;
        Bytes optCtx = present(opts.sessionContext()) ? opts.sessionContext() : null;
        if (bundleCtx != null && bundleCtx.length() != 32) {
            return fail(FailureReason.INVALID_SESSION_CONTEXT,
                    "session_context must be 32 bytes, got " + bundleCtx.length());
        }
        if (optCtx != null && optCtx.length() != 32) {
            return fail(FailureReason.INVALID_SESSION_CONTEXT,
                    "verify option session_context must be 32 bytes, got " + optCtx.length());
        }
        if (optCtx != null) {
            if (bundleCtx == null) {
                return fail(FailureReason.MISSING_SESSION_CONTEXT,
                        "verifier requires a session-bound challenge but bundle has no session_context");
            }
            if (!bundleCtx.constantTimeEquals(optCtx)) {
                return fail(FailureReason.SESSION_CONTEXT_MISMATCH,
                        "bundle session_context does not match verifier context");
            }
        } else if (bundleCtx != null) {
            return fail(FailureReason.SESSION_CONTEXT_UNVERIFIABLE,
                    "bundle has session_context but verifier did not provide one");
        }
        // --- 2b. single-use pre-check: read only, never consumes ---
        ChallengeStore store = opts.challengeStore();
        if (store != null && !storeCall(() -> store.validate(b.challenge(), optCtx, now))) {
            return fail(FailureReason.UNKNOWN_CHALLENGE, UNKNOWN_CHALLENGE_DETAIL);
        }
        // --- 3. stream binding ---
        VerifyResult streamFail = StreamChecks.check(b.streamId(), b.streamSeq(), opts.stream());
        if (streamFail != null) {
            return streamFail;
        }
        // --- 4, 5. agent key and leaf binding ---
        String keyErr = keyLengthError(b.agentPubKey(), "agent");
        if (keyErr != null) {
            return fail(FailureReason.INVALID_AGENT_KEY, keyErr);
        }
        DelegationCert leaf = chain.get(0);
        String humanId = chain.get(n - 1).issuerId();
        if (!b.agentPubKey().equals(leaf.subjectPubKey())) {
            return fail(FailureReason.KEY_MISMATCH, "agent public key does not match delegation subject");
        }
        if (!b.agentId().equals(leaf.subjectId())) {
            return fail(FailureReason.ID_MISMATCH, "agent ID does not match delegation subject ID");
        }
        // --- 6. forced revocation needs a way to check ---
        if (opts.forceRevocationCheck() && opts.revocation() == null) {
            return fail(FailureReason.FORCE_REVOCATION_NO_CALLBACK,
                    "ForceRevocationCheck is true but no Revocation provider is set — the caller asked"
                            + " for fresh revocation state but provided no way to check it");
        }
        // Signature checks start together only when no cheap check can fail first, so a bundle that
        // is rejected for structure never costs speculative signature work.
        byte[][] signable = new byte[n][];
        for (int i = 0; i < n; i++) {
            signable[i] = SignableBytes.delegation(chain.get(i));
        }
        byte[] challengeMsg = b.challengeSignableBytes();
        boolean speculate = parallel && cheapChecksPass(chain, now, b.challengeAt());
        HybridVerify.Pending[] certSigs = new HybridVerify.Pending[n];
        SharedChecks shared = speculate ? HybridVerify.shared() : null;
        Bytes[] cacheKeys = new Bytes[n];
        SignatureCache cache = opts.signatureCache();
        for (int i = 0; i < n; i++) {
            DelegationCert c = chain.get(i);
            if (cache != null) {
                cacheKeys[i] = SignatureCache.keyFor(signable[i], c.signature(), c.issuerPubKey());
                if (cache.contains(cacheKeys[i])) {
                    certSigs[i] = HybridVerify.done(null);
                    continue;
                }
            }
            if (speculate) {
                certSigs[i] = addSig(shared, c.issuerPubKey(), signable[i], c.signature());
            }
        }
        HybridVerify.Pending challengeSig = null;
        if (speculate) {
            // Every primitive check of the bundle in one shared set: both cores work on it to the end.
            challengeSig = addSig(shared, b.agentPubKey(), challengeMsg, b.challengeSig());
            shared.start();
        }

        // --- 7. per-cert checks ---
        for (int i = 0; i < n; i++) {
            DelegationCert c = chain.get(i);
            if (c.version() != Ratify.PROTOCOL_VERSION) {
                return fail(FailureReason.VERSION_MISMATCH,
                        "cert " + i + " has unsupported version " + c.version());
            }
            String bad = Scopes.firstInvalid(c.scope());
            if (bad != null) {
                return fail(FailureReason.INVALID_SCOPE, "cert " + i + ": " + Scopes.unknownScopeMessage(bad));
            }
            if (now > c.expiresAt()) {
                return new VerifyResult(false, humanId, b.agentId(), List.of(), IdentityStatus.EXPIRED,
                        FailureReason.EXPIRED, "delegation certificate has expired", null);
            }
            if (now < c.issuedAt()) {
                return fail(FailureReason.NOT_YET_VALID, "cert " + i + " is not yet valid");
            }
            if (opts.revocation() != null) {
                boolean revoked;
                try {
                    revoked = opts.revocation().isRevoked(c.certId());
                } catch (Exception e) {
                    return fail(FailureReason.REVOCATION_ERROR,
                            "cert " + i + ": revocation lookup failed: " + e.getMessage());
                }
                if (revoked) {
                    return new VerifyResult(false, humanId, b.agentId(), List.of(), IdentityStatus.REVOKED,
                            FailureReason.REVOKED, "delegation certificate has been revoked", null);
                }
            }
            HybridVerify.Pending sig = certSigs[i] != null
                    ? certSigs[i] : startSig(false, c.issuerPubKey(), signable[i], c.signature());
            String sigErr = sig.await();
            if (sigErr != null) {
                return fail(FailureReason.BAD_SIGNATURE, "cert " + i + ": " + sigErr);
            }
            if (cache != null) {
                cache.put(cacheKeys[i]);
            }
            if (store == null) {
                ConstraintChecks.Failure cf = ConstraintChecks.evaluate(c, i, opts.context(), now,
                        opts.constraintEvaluators());
                if (cf != null) {
                    return fail(cf.reason(), cf.detail());
                }
            }
            if (i + 1 < n) {
                DelegationCert next = chain.get(i + 1);
                if (!c.issuerId().equals(next.subjectId())) {
                    return fail(FailureReason.BROKEN_CHAIN,
                            "cert " + i + " issuer does not match cert " + (i + 1) + " subject");
                }
                if (!c.issuerPubKey().equals(next.subjectPubKey())) {
                    return fail(FailureReason.BROKEN_CHAIN_KEYS,
                            "cert " + i + " issuer key does not match cert " + (i + 1) + " subject key");
                }
                if (!next.scope().contains("identity:delegate")) {
                    return fail(FailureReason.DELEGATION_NOT_AUTHORIZED, "cert " + i
                            + " issued by a subject whose parent cert " + (i + 1)
                            + " did not grant \"identity:delegate\"");
                }
            }
        }
        // --- 8. freshness ---
        long age = now - b.challengeAt();
        if (age < 0 || age > Ratify.CHALLENGE_WINDOW_SECONDS) {
            return fail(FailureReason.STALE_CHALLENGE, "challenge is " + age + " seconds old (max "
                    + Ratify.CHALLENGE_WINDOW_SECONDS + ")");
        }
        // --- 9. challenge signature ---
        if (challengeSig == null) {
            challengeSig = startSig(false, b.agentPubKey(), challengeMsg, b.challengeSig());
        }
        String chErr = challengeSig.await();
        if (chErr != null) {
            return fail(FailureReason.BAD_CHALLENGE_SIG,
                    "challenge signature verification failed: " + chErr);
        }
        // --- 9b. consume, then the deferred constraint evaluation ---
        if (store != null) {
            if (!storeCall(() -> store.consume(b.challenge(), optCtx, now))) {
                return fail(FailureReason.UNKNOWN_CHALLENGE, UNKNOWN_CHALLENGE_DETAIL);
            }
            for (int i = 0; i < n; i++) {
                ConstraintChecks.Failure cf = ConstraintChecks.evaluate(chain.get(i), i, opts.context(),
                        now, opts.constraintEvaluators());
                if (cf != null) {
                    return fail(cf.reason(), cf.detail());
                }
            }
        }
        // --- 10. effective scope ---
        List<List<String>> lists = new ArrayList<>(n);
        for (DelegationCert c : chain) {
            lists.add(c.scope());
        }
        List<String> effective = Scopes.intersect(lists);
        String required = opts.requiredScope();
        if (required != null && !required.isEmpty() && !effective.contains(required)) {
            return fail(FailureReason.SCOPE_DENIED,
                    "required scope \"" + required + "\" not in effective delegation scope");
        }
        VerifyResult ok = VerifyResult.success(humanId, b.agentId(), effective);
        // --- anchor (17.8), then cached verdict (17.6) and policy (17.2) ---
        if (opts.anchorResolver() != null) {
            try {
                Anchor a = opts.anchorResolver().resolveAnchor(humanId);
                if (a != null) {
                    ok = ok.withAnchor(a);
                }
            } catch (Exception ignored) {
                // Resolver errors only degrade the audit trail.
            }
        }
        return PolicyStep.apply(b, opts, ok, now);
    }

    /** Every check of step 7 that needs no provider and no signature, plus freshness. */
    private static boolean cheapChecksPass(List<DelegationCert> chain, long now, long challengeAt) {
        long age = now - challengeAt;
        if (age < 0 || age > Ratify.CHALLENGE_WINDOW_SECONDS) {
            return false;
        }
        for (int i = 0; i < chain.size(); i++) {
            DelegationCert c = chain.get(i);
            if (c.version() != Ratify.PROTOCOL_VERSION || Scopes.firstInvalid(c.scope()) != null
                    || now > c.expiresAt() || now < c.issuedAt()) {
                return false;
            }
            if (i + 1 < chain.size()) {
                DelegationCert next = chain.get(i + 1);
                if (!c.issuerId().equals(next.subjectId())
                        || !c.issuerPubKey().equals(next.subjectPubKey())
                        || !next.scope().contains("identity:delegate")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static HybridVerify.Pending addSig(SharedChecks shared, HybridPublicKey key, byte[] msg,
            HybridSignature sig) {
        return shared.add(key.ed25519().unsafeArray(), key.mlDsa65().unsafeArray(), msg,
                sig.ed25519().unsafeArray(), sig.mlDsa65().unsafeArray());
    }

    static HybridVerify.Pending startSig(boolean parallel, HybridPublicKey key, byte[] msg,
            HybridSignature sig) {
        return HybridVerify.start(parallel, key.ed25519().unsafeArray(), key.mlDsa65().unsafeArray(),
                msg, sig.ed25519().unsafeArray(), sig.mlDsa65().unsafeArray());
    }

    static String keyLengthError(HybridPublicKey k, String label) {
        if (k.ed25519().length() != Ratify.ED25519_PUBLIC_KEY_SIZE) {
            return label + " Ed25519 public key has wrong length: " + k.ed25519().length();
        }
        if (k.mlDsa65().length() != Ratify.MLDSA65_PUBLIC_KEY_SIZE) {
            return label + " ML-DSA-65 public key has wrong length: " + k.mlDsa65().length();
        }
        return null;
    }

    interface StoreCall {
        boolean call() throws Exception;
    }

    /** Store failures of every kind collapse to "not found" (SPEC 10, uniform rejection). */
    static boolean storeCall(StoreCall call) {
        try {
            return call.call();
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    private static VerifyResult checkBounds(List<DelegationCert> chain) {
        for (int i = 0; i < chain.size(); i++) {
            DelegationCert c = chain.get(i);
            if (c.scope().size() > Ratify.MAX_SCOPES_PER_CERT) {
                return fail(FailureReason.MALFORMED, "cert " + i + " carries " + c.scope().size()
                        + " scopes, exceeding MAX_SCOPES_PER_CERT (" + Ratify.MAX_SCOPES_PER_CERT + ")");
            }
            if (c.constraints().size() > Ratify.MAX_CONSTRAINTS_PER_CERT) {
                return fail(FailureReason.MALFORMED, "cert " + i + " carries " + c.constraints().size()
                        + " constraints, exceeding MAX_CONSTRAINTS_PER_CERT ("
                        + Ratify.MAX_CONSTRAINTS_PER_CERT + ")");
            }
            for (String s : c.scope()) {
                int len = s.getBytes(StandardCharsets.UTF_8).length;
                if (len > Ratify.MAX_SCOPE_LENGTH_BYTES) {
                    return fail(FailureReason.MALFORMED, "cert " + i + " carries a scope of " + len
                            + " bytes, exceeding MAX_SCOPE_LENGTH_BYTES (" + Ratify.MAX_SCOPE_LENGTH_BYTES + ")");
                }
            }
            for (int j = 0; j < c.constraints().size(); j++) {
                if (c.constraints().get(j) instanceof Constraint.ResourcePath rp) {
                    int len = rp.resourceId().getBytes(StandardCharsets.UTF_8).length;
                    if (len > Ratify.MAX_IDENTIFIER_LENGTH_BYTES) {
                        return fail(FailureReason.MALFORMED, "cert " + i + " constraint " + j
                                + " resource_id is " + len + " bytes, exceeding MAX_IDENTIFIER_LENGTH_BYTES ("
                                + Ratify.MAX_IDENTIFIER_LENGTH_BYTES + ")");
                    }
                }
            }
        }
        return null;
    }
}
