package dev.herald.evidence.verify;

/** How a check came out. */
public enum CheckStatus {
    PASS,
    /** The evidence is wrong or missing; the subject is not verified. */
    FAIL,
    /**
     * The evidence is intact but could not be tied to anything the verifier trusts (for example a
     * time-stamp token from a TSA outside the trust anchors). Does not fail the subject unless
     * the caller demands trust ({@link VerifyOptions#requireTrust()}), in which case it is FAIL.
     */
    NOT_VALIDATED,
    /** Not run: not requested, or a prerequisite check failed. */
    SKIPPED
}
