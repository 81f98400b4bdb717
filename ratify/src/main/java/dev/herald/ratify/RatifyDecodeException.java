package dev.herald.ratify;

/**
 * Untrusted wire bytes were rejected by the strict codec. {@link #path()} is a JSON pointer-like
 * location ({@code $.delegations[0].scope[2]}) and {@link #defect()} names the rule violated.
 */
public final class RatifyDecodeException extends RatifyException {
    private final String path;
    private final String defect;
    private final FailureReason verifierReason;

    public RatifyDecodeException(String path, String defect) {
        this(path, defect, FailureReason.MALFORMED);
    }

    RatifyDecodeException(String path, String defect, FailureReason verifierReason) {
        super("invalid: " + path + ": " + defect);
        this.path = path;
        this.defect = defect;
        this.verifierReason = verifierReason;
    }

    public RatifyDecodeException(String path, String defect, Throwable cause) {
        super("invalid: " + path + ": " + defect, cause);
        this.path = path;
        this.defect = defect;
        this.verifierReason = FailureReason.MALFORMED;
    }

    /**
     * How a wire-facing verifier reports this defect: {@link FailureReason#CHAIN_TOO_DEEP} for a
     * chain over {@code MAX_DELEGATION_CHAIN_DEPTH}, {@link FailureReason#MALFORMED} otherwise.
     */
    public FailureReason verifierReason() {
        return verifierReason;
    }

    public String path() {
        return path;
    }

    public String defect() {
        return defect;
    }
}
