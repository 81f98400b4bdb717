package dev.herald.ratify;

/**
 * Observes every verification, success and failure, after policy (SPEC 17.3).
 *
 * <p>Contract: receives the final result exactly as returned to the caller. Anything it throws is
 * swallowed: auditing is observation and can never change a verdict. It runs on the verifying
 * thread, so slow sinks should hand off to a queue. Must be thread-safe.
 */
@FunctionalInterface
public interface AuditProvider {
    void logVerification(VerifyResult result, ProofBundle bundle) throws Exception;
}
