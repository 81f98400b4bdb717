package dev.herald.voice.core.call;

/** Who spoke a transcript turn. */
public enum Role {
    AGENT("agent"),
    USER("user");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
