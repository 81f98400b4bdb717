package dev.herald.voice.core.compliance;

/** Live calls right now, counted by the caller (in the database, so every node sees the same). */
public record Occupancy(int campaignLive, int workspaceLive) {
    public Occupancy {
        if (campaignLive < 0 || workspaceLive < campaignLive) {
            throw new IllegalArgumentException("need 0 <= campaignLive <= workspaceLive");
        }
    }

    public static final Occupancy IDLE = new Occupancy(0, 0);
}
