package dev.herald.voice.core.campaign;

/** A campaign's lifecycle state. {@code COMPLETED} and {@code CANCELLED} are terminal. */
public enum CampaignState {
    DRAFT("draft"),
    SCHEDULED("scheduled"),
    RUNNING("running"),
    PAUSED("paused"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    private final String wire;

    CampaignState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean terminal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
