package dev.herald.voice.core.campaign;

import static dev.herald.voice.core.campaign.CampaignState.CANCELLED;
import static dev.herald.voice.core.campaign.CampaignState.COMPLETED;
import static dev.herald.voice.core.campaign.CampaignState.DRAFT;
import static dev.herald.voice.core.campaign.CampaignState.PAUSED;
import static dev.herald.voice.core.campaign.CampaignState.RUNNING;
import static dev.herald.voice.core.campaign.CampaignState.SCHEDULED;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The legal transitions, as one closed table:
 * <pre>
 * draft     --schedule--> scheduled   --start--> running
 * draft     --start-----> running
 * running   --pause-----> paused      --resume--> running
 * running   --complete--> completed
 * draft, scheduled, running, paused --cancel--> cancelled
 * </pre>
 * Everything else, and anything from a terminal state, is illegal. A paused campaign keeps its
 * live calls running to their end; it only stops new dials. Completing requires the progress to be
 * {@link CampaignProgress#finished() finished}.
 */
public final class CampaignStateMachine {
    private static final Map<CampaignState, Map<CampaignTransition, CampaignState>> TABLE = new EnumMap<>(CampaignState.class);

    static {
        for (CampaignState s : CampaignState.values()) {
            TABLE.put(s, new EnumMap<>(CampaignTransition.class));
        }
        TABLE.get(DRAFT).put(CampaignTransition.SCHEDULE, SCHEDULED);
        TABLE.get(DRAFT).put(CampaignTransition.START, RUNNING);
        TABLE.get(SCHEDULED).put(CampaignTransition.START, RUNNING);
        TABLE.get(RUNNING).put(CampaignTransition.PAUSE, PAUSED);
        TABLE.get(PAUSED).put(CampaignTransition.RESUME, RUNNING);
        TABLE.get(RUNNING).put(CampaignTransition.COMPLETE, COMPLETED);
        for (CampaignState s : new CampaignState[] {DRAFT, SCHEDULED, RUNNING, PAUSED}) {
            TABLE.get(s).put(CampaignTransition.CANCEL, CANCELLED);
        }
    }

    private CampaignStateMachine() {}

    public static Optional<CampaignState> target(CampaignState from, CampaignTransition transition) {
        return Optional.ofNullable(TABLE.get(from).get(transition));
    }

    public static CampaignState apply(CampaignState from, CampaignTransition transition) {
        return target(from, transition).orElseThrow(() -> new IllegalTransitionException(from, transition));
    }

    /** Completes a running campaign whose every lead is final; otherwise throws. */
    public static CampaignState complete(CampaignState from, CampaignProgress progress) {
        if (!progress.finished()) {
            throw new IllegalTransitionException(from, CampaignTransition.COMPLETE);
        }
        return apply(from, CampaignTransition.COMPLETE);
    }
}
