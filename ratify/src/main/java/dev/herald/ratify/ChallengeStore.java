package dev.herald.ratify;

/**
 * Issuance records that make verifier-issued challenges single-use (SPEC 10, steps 2b and 9b).
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@link #validate} is a read: it must not change any record. It succeeds only when the
 *       challenge was issued, is unexpired at {@code nowEpochSeconds}, is unconsumed, and its
 *       recorded session binding equals {@code sessionContext} (both null, or byte-equal).
 *   <li>{@link #consume} is atomic compare-and-remove: of any number of concurrent calls for one
 *       challenge, at most one returns true, and only if {@code validate} would have succeeded.
 *       A consumed record is removed, freeing its capacity slot.
 *   <li>Both may throw on backend failure; the verifier treats any exception exactly like
 *       "not found" and never exposes the exception text (uniform {@code unknown_challenge}).
 *   <li>Implementations must be thread-safe.
 * </ul>
 */
public interface ChallengeStore {
    /** Records an issued challenge; {@code sessionContext} may be null (unbound). */
    void issue(Bytes challenge, Bytes sessionContext, long expiresAtEpochSeconds);

    boolean validate(Bytes challenge, Bytes sessionContext, long nowEpochSeconds);

    boolean consume(Bytes challenge, Bytes sessionContext, long nowEpochSeconds);
}
