package dev.herald.voice.core.campaign;

/** What can happen to a campaign. Which transition is legal in which state is {@link CampaignStateMachine}'s table. */
public enum CampaignTransition {
    /** Set a future start time. */
    SCHEDULE,
    /** Start dialling (by hand, or because the scheduled start time came). */
    START,
    PAUSE,
    RESUME,
    /** Every lead reached a final state. */
    COMPLETE,
    CANCEL
}
