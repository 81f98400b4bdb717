package dev.herald.ratify;

/**
 * Decides whether a cert is revoked (SPEC 17.1).
 *
 * <p>Contract: called once per cert per verification, in chain order, on the verifier's hot path,
 * so implementations should answer from memory in O(1). Implementations must be thread-safe.
 * Throwing any exception means "cannot tell": the verifier fails closed with
 * {@code revocation_error} and never treats a failed lookup as "not revoked".
 */
@FunctionalInterface
public interface RevocationProvider {
    boolean isRevoked(String certId) throws Exception;

    /** A provider backed by a fixed set of cert ids (for example a verified {@link RevocationList}). */
    static RevocationProvider of(java.util.Collection<String> revokedCertIds) {
        java.util.Set<String> set = java.util.Set.copyOf(revokedCertIds);
        return set::contains;
    }
}
