package dev.herald.server.console;

import dev.herald.voice.campaigns.Campaign;
import dev.herald.voice.campaigns.LeadResult;
import dev.herald.voice.core.campaign.CampaignState;
import dev.herald.voice.core.campaign.CampaignStateMachine;
import dev.herald.voice.core.campaign.CampaignTransition;
import java.util.Arrays;
import java.util.List;

/**
 * One campaign: progress by lead state and outcome, the controls its state allows, one page of
 * per-lead results, and why the last control was refused ({@code error}, null when it was not).
 */
public record CampaignPageView(Chrome chrome, Campaign campaign, List<LeadResult> results, String nextUrl,
                               String error) {
    public String csrf() {
        return chrome.session().csrf();
    }

    public boolean canPause() {
        return allows(CampaignTransition.PAUSE);
    }

    public boolean canResume() {
        return allows(CampaignTransition.RESUME);
    }

    public boolean canCancel() {
        return allows(CampaignTransition.CANCEL);
    }

    /** Buttons follow the campaign's own state machine (the service refuses the rest anyway). */
    private boolean allows(CampaignTransition t) {
        return Arrays.stream(CampaignState.values()).filter(s -> s.wire().equals(campaign.state())).findFirst()
                .flatMap(s -> CampaignStateMachine.target(s, t)).isPresent();
    }
}
