package dev.herald.voice.campaigns;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.campaign.CampaignProgress;
import dev.herald.voice.core.campaign.LeadState;
import java.util.LinkedHashMap;
import java.util.Map;

/** A campaign as the API shows it; times are RFC 3339 UTC strings. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Campaign(String id, String name, String state, String profileId, String objective,
                       String calendarConnectorId, int leadCount, int maxConcurrentCalls, int callsPerMinute,
                       CallingWindowJson callingWindow, RetryJson retry, String startAt, int dialsPlaced,
                       String createdAt, String updatedAt, String completedAt, Progress progress) {

    /** Leads by state and by the outcome of their latest ended attempt (or refusal); zeros included. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Progress(int total, Map<String, Integer> byState, Map<String, Integer> byOutcome, boolean finished) {
        static Progress of(CampaignProgress p) {
            Map<String, Integer> states = new LinkedHashMap<>();
            for (LeadState s : LeadState.values()) {
                states.put(s.wire(), p.count(s));
            }
            Map<String, Integer> outcomes = new LinkedHashMap<>();
            for (CallOutcome o : CallOutcome.values()) {
                outcomes.put(o.wire(), p.byOutcome().get(o));
            }
            return new Progress(p.total(), states, outcomes, p.finished());
        }
    }
}
