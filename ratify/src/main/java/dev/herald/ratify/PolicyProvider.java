package dev.herald.ratify;

/**
 * Verifier-local, mutable policy evaluated after every cryptographic, temporal, revocation,
 * constraint and scope check has passed (SPEC 17.2).
 *
 * <p>Contract: return true to allow, false to deny ({@code scope_denied}); throwing fails closed
 * ({@code invalid}, {@code policy_error}). Must not modify the bundle. Must be thread-safe.
 */
@FunctionalInterface
public interface PolicyProvider {
    boolean evaluatePolicy(ProofBundle bundle, VerifierContext context) throws Exception;
}
