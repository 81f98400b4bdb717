package dev.herald.voice.core.campaign;

/** A transition that is not legal from the campaign's current state (the HTTP edge answers 409). */
public final class IllegalTransitionException extends RuntimeException {
    private final CampaignState from;
    private final CampaignTransition transition;

    public IllegalTransitionException(CampaignState from, CampaignTransition transition) {
        super("cannot " + transition.name().toLowerCase(java.util.Locale.ROOT) + " a " + from.wire() + " campaign");
        this.from = from;
        this.transition = transition;
    }

    public CampaignState from() {
        return from;
    }

    public CampaignTransition transition() {
        return transition;
    }
}
