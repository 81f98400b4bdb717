package dev.herald.server.console;

import dev.herald.platform.domain.FieldError;
import dev.herald.voice.campaigns.Campaign;
import java.util.List;

/** The campaigns page: one page of the workspace's campaigns with their progress, and the next page's link. */
public record CampaignListView(Chrome chrome, List<Campaign> campaigns, String nextUrl, List<FieldError> errors) {
}
