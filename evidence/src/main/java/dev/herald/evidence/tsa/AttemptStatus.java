package dev.herald.evidence.tsa;

/** Outcome of one TSA attempt, as written in {@code rfc3161_timestamp_attempts[].status}. */
public enum AttemptStatus {
    GRANTED("granted"),
    /** The TSA answered with a PKIStatus other than granted. */
    REJECTED("rejected"),
    TIMEOUT("timeout"),
    /** Connection refused, reset, non-200 HTTP status. */
    TRANSPORT_ERROR("transport_error"),
    /** An answer that is not a TimeStampResp matching our request (nonce, imprint, certificate). */
    INVALID_RESPONSE("invalid_response");

    private final String wire;

    AttemptStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
