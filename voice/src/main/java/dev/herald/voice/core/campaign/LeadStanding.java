package dev.herald.voice.core.campaign;

import java.time.Instant;
import java.util.Optional;

/** A lead's derived state and, while it is pending or waiting, when it is next due. */
public record LeadStanding(LeadState state, Optional<Instant> dueAt) {

    public static LeadStanding of(LeadHistory lead, RetryPolicy policy, Instant now) {
        if (lead.refusedAs().isPresent()) {
            return new LeadStanding(LeadState.REFUSED, Optional.empty());
        }
        Optional<Attempt> last = lead.last();
        if (last.isEmpty()) {
            Instant due = lead.notBefore().filter(nb -> nb.isAfter(now)).orElse(now);
            return new LeadStanding(due.isAfter(now) ? LeadState.WAITING : LeadState.PENDING, Optional.of(due));
        }
        Attempt attempt = last.get();
        if (attempt.live()) {
            return new LeadStanding(LeadState.DIALLING, Optional.empty());
        }
        if (!RetryPolicy.RETRYABLE.contains(attempt.outcome().orElseThrow())) {
            return new LeadStanding(LeadState.DONE, Optional.empty());
        }
        Optional<RetryRule> rule = policy.rule(attempt.outcome().get());
        if (rule.isEmpty() || lead.attempts().size() >= rule.get().maxAttempts()) {
            return new LeadStanding(LeadState.EXHAUSTED, Optional.empty());
        }
        Instant due = attempt.endedAt().orElseThrow().plus(rule.get().spacing());
        if (lead.notBefore().isPresent() && lead.notBefore().get().isAfter(due)) {
            due = lead.notBefore().get();
        }
        return new LeadStanding(due.isAfter(now) ? LeadState.WAITING : LeadState.PENDING, Optional.of(due));
    }
}
