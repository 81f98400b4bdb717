package dev.herald.voice.campaigns;

import dev.herald.voice.core.campaign.Pacing;
import dev.herald.voice.core.campaign.RetryPolicy;
import dev.herald.voice.core.compliance.CallingWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A checked request for a new campaign. {@code name}, {@code calendarConnectorId} and {@code startAt} may be null. */
public record CampaignSpec(String name, List<String> leadIds, String profileId, String objective,
                           String calendarConnectorId, Pacing pacing, RetryPolicy retry, CallingWindow window,
                           List<ZoneId> fallbackZones, Instant startAt) {
    public CampaignSpec {
        leadIds = List.copyOf(leadIds);
        fallbackZones = List.copyOf(fallbackZones);
    }
}
