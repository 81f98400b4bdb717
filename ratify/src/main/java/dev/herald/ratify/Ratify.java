package dev.herald.ratify;

/** Protocol constants of SPEC section 5.1. Every limit is enforced by the codec and the verifier. */
public final class Ratify {
    private Ratify() {}

    /** {@code PROTOCOL_VERSION}. */
    public static final int PROTOCOL_VERSION = 1;
    /** {@code MAX_DELEGATION_CHAIN_DEPTH}: a denial-of-service bound, not a cryptographic one. */
    public static final int MAX_DELEGATION_CHAIN_DEPTH = 8;
    /** {@code CHALLENGE_WINDOW_SECONDS}: the maximum age of a signed challenge. */
    public static final long CHALLENGE_WINDOW_SECONDS = 300;
    /** {@code NO_EXPIRY_SENTINEL}: 2099-12-31T23:59:59Z, meaning "until revoked" (SPEC 5.7). */
    public static final long NO_EXPIRY_SENTINEL = 4070908799L;
    public static final int ED25519_PUBLIC_KEY_SIZE = 32;
    public static final int ED25519_SIGNATURE_SIZE = 64;
    public static final int MLDSA65_PUBLIC_KEY_SIZE = 1952;
    public static final int MLDSA65_SIGNATURE_SIZE = 3309;
    /** {@code MAX_PROOF_BUNDLE_BYTES}: checked on the raw wire bytes before any parsing. */
    public static final int MAX_PROOF_BUNDLE_BYTES = 131072;
    public static final int MAX_SCOPES_PER_CERT = 128;
    public static final int MAX_CONSTRAINTS_PER_CERT = 32;
    public static final int MAX_SCOPE_LENGTH_BYTES = 256;
    public static final int MAX_IDENTIFIER_LENGTH_BYTES = 512;
    public static final int MAX_AGENT_NAME_LENGTH_BYTES = 256;
    /** {@code MAX_JSON_NESTING_DEPTH}: enforced by the codec during parsing. */
    public static final int MAX_JSON_NESTING_DEPTH = 16;
    /** Size of a challenge produced by the issuer helpers. */
    public static final int CHALLENGE_SIZE = 32;
    /** Largest integer a JSON field may carry (SPEC 6.2 item 4). */
    public static final long MAX_SAFE_INTEGER = 9007199254740991L;
}
