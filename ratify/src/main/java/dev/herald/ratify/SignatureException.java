package dev.herald.ratify;

/**
 * A hybrid signature failed to verify. The message names the component that failed first
 * (Ed25519 before ML-DSA-65), in the wording the conformance fixtures use.
 */
public final class SignatureException extends RatifyException {
    public SignatureException(String message) {
        super(message);
    }
}
