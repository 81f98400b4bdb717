package dev.herald.voice.core.lead;

/**
 * Whether the lead agreed to be called by an automated (AI) caller. Only {@code GRANTED} lets the
 * compliance gate dial; {@code UNKNOWN} is the default for imported rows that say nothing.
 */
public enum Consent {
    GRANTED("granted"),
    DENIED("denied"),
    UNKNOWN("unknown");

    private final String wire;

    Consent(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
