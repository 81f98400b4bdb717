package dev.herald.ratify;

/**
 * The last step of a verification that passed every other check: a cached policy verdict (SPEC
 * 17.6), then the live policy provider (SPEC 17.2).
 */
final class PolicyStep {
    private PolicyStep() {}

    static VerifyResult apply(ProofBundle b, VerifyOptions opts, VerifyResult ok, long now) {
        PolicyVerdict verdict = opts.policyVerdict();
        if (verdict != null) {
            String scope = opts.requiredScope() == null ? "" : opts.requiredScope();
            Bytes contextHash;
            try {
                contextHash = PolicyVerdicts.verifierContextHash(opts.context());
            } catch (IllegalArgumentException noJsonForm) {
                contextHash = null; // a NaN or infinite input matches no verdict
            }
            switch (PolicyVerdicts.check(verdict, opts.policySecret(), b.agentId(), scope,
                    contextHash, now)) {
                case PolicyVerdicts.Allowed a -> {
                    return ok;
                }
                case PolicyVerdicts.Denied d -> {
                    return VerifyResult.failure(FailureReason.POLICY_VERDICT_DENIED,
                            "cached policy verdict " + d.verdictId() + " denied access");
                }
                case PolicyVerdicts.Unusable u -> {
                    // A verdict that cannot be used never fails the bundle on its own.
                }
            }
        }
        if (opts.policy() != null) {
            boolean allowed;
            try {
                allowed = opts.policy().evaluatePolicy(b, opts.context());
            } catch (Exception e) {
                return VerifyResult.failure(FailureReason.POLICY_ERROR,
                        "advanced policy evaluation failed: " + e.getMessage());
            }
            if (!allowed) {
                return VerifyResult.failure(FailureReason.POLICY_DENIED,
                        "advanced policy evaluation denied access");
            }
        }
        return ok;
    }
}
