package dev.herald.voice.core.campaign;

import dev.herald.voice.core.call.CallOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A lead's part in a campaign: its dials in order, the earliest it may be dialled next (the
 * compliance gate's "window opens" instant), and the outcome it was closed with when the gate
 * refused it for good (do-not-call, no consent), which ends it without a dial.
 */
public record LeadHistory(String leadId, List<Attempt> attempts, Optional<Instant> notBefore, Optional<CallOutcome> refusedAs) {
    public LeadHistory {
        Objects.requireNonNull(leadId, "leadId");
        attempts = List.copyOf(attempts);
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(refusedAs, "refusedAs");
        for (int i = 0; i < attempts.size() - 1; i++) {
            if (attempts.get(i).live()) {
                throw new IllegalArgumentException("only the last attempt of a lead can be live");
            }
        }
    }

    public static LeadHistory fresh(String leadId) {
        return new LeadHistory(leadId, List.of(), Optional.empty(), Optional.empty());
    }

    public LeadHistory with(Attempt attempt) {
        List<Attempt> more = new java.util.ArrayList<>(attempts);
        if (!more.isEmpty() && more.getLast().live() && !attempt.live()
                && more.getLast().startedAt().equals(attempt.startedAt())) {
            more.set(more.size() - 1, attempt); // the live attempt ended
        } else {
            more.add(attempt);
        }
        return new LeadHistory(leadId, more, notBefore, refusedAs);
    }

    public LeadHistory deferredUntil(Instant instant) {
        return new LeadHistory(leadId, attempts, Optional.of(instant), refusedAs);
    }

    public LeadHistory refused(CallOutcome outcome) {
        return new LeadHistory(leadId, attempts, notBefore, Optional.of(outcome));
    }

    public Optional<Attempt> last() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.getLast());
    }
}
