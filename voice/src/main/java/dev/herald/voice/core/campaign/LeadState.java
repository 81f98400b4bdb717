package dev.herald.voice.core.campaign;

/** Where one lead stands in a campaign, derived from its history. A closed set. */
public enum LeadState {
    /** Never dialled yet. */
    PENDING("pending"),
    /** Waiting for a retry, or for its calling window to open. */
    WAITING("waiting"),
    /** A call is live. */
    DIALLING("dialling"),
    /** Ended with a final outcome (qualified, unqualified, do-not-call). */
    DONE("done"),
    /** Ended with a retryable outcome but no attempts are left. */
    EXHAUSTED("exhausted"),
    /** Closed by the compliance gate without being dialled. */
    REFUSED("refused");

    private final String wire;

    LeadState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean finished() {
        return this == DONE || this == EXHAUSTED || this == REFUSED;
    }
}
