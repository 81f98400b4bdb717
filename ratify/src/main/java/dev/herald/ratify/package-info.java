/**
 * Ratify Protocol v1 SDK for Java: hybrid Ed25519 + ML-DSA-65 delegation chains, proof bundles,
 * the verifier algorithm of SPEC section 10, session tokens and the strict wire codec.
 *
 * <p>Everything in this package is API. Code under {@code dev.herald.ratify.internal} is not.
 * Protocol code here is pure: time comes from an injected {@link java.time.Clock} and randomness
 * from an injected {@link java.security.SecureRandom}.
 */
package dev.herald.ratify;
