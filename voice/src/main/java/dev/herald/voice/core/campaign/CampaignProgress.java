package dev.herald.voice.core.campaign;

import dev.herald.voice.core.call.CallOutcome;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts for a campaign's progress: leads by {@link LeadState}, and leads by the outcome of their
 * latest ended attempt (or refusal). Every state and every outcome is present, zero included.
 */
public record CampaignProgress(int total, Map<LeadState, Integer> byState, Map<CallOutcome, Integer> byOutcome) {
    public CampaignProgress {
        byState = Collections.unmodifiableMap(new EnumMap<>(byState));
        byOutcome = Collections.unmodifiableMap(new EnumMap<>(byOutcome));
    }

    public static CampaignProgress of(List<LeadHistory> leads, RetryPolicy policy, Instant now) {
        Map<LeadState, Integer> byState = new EnumMap<>(LeadState.class);
        Map<CallOutcome, Integer> byOutcome = new EnumMap<>(CallOutcome.class);
        for (LeadState s : LeadState.values()) {
            byState.put(s, 0);
        }
        for (CallOutcome o : CallOutcome.values()) {
            byOutcome.put(o, 0);
        }
        for (LeadHistory lead : leads) {
            byState.merge(LeadStanding.of(lead, policy, now).state(), 1, Integer::sum);
            lead.refusedAs().or(() -> lead.attempts().reversed().stream()
                            .flatMap(a -> a.outcome().stream()).findFirst())
                    .ifPresent(o -> byOutcome.merge(o, 1, Integer::sum));
        }
        return new CampaignProgress(leads.size(), byState, byOutcome);
    }

    public int count(LeadState state) {
        return byState.get(state);
    }

    /** True when every lead is done, exhausted or refused. */
    public boolean finished() {
        return count(LeadState.DONE) + count(LeadState.EXHAUSTED) + count(LeadState.REFUSED) == total;
    }
}
