package dev.herald.voice.campaigns;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One lead's result in a campaign ({@code get_call_results}): where it stands, how many times it
 * was dialled, the latest outcome, every call made for it (dials and a refusal), and the verdict
 * summary of its latest call that has one.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LeadResult(String leadId, int position, String state, int attempts, String latestOutcome,
                         String refusedAs, String refusalReason, String nextDueAt, List<String> callIds,
                         CallStatus.VerdictSummary verdict) {
    public LeadResult {
        callIds = List.copyOf(callIds);
    }
}
