package dev.herald.voice.core.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which leads to dial next, and when: a pure function of the leads' histories, the pacing, the
 * retry policy and {@code now}. Leads due now are taken in order of due time, then fewer dials
 * first, then list order; as many as free concurrent slots allow, spaced by the pacing gap after
 * the campaign's most recent dial. The compliance gate still checks each dial before it happens.
 */
public final class DialScheduler {
    private DialScheduler() {}

    public static DialPlan plan(List<LeadHistory> leads, Pacing pacing, RetryPolicy policy, Instant now) {
        record Due(int index, LeadHistory lead, Instant at) {}
        List<Due> due = new ArrayList<>();
        Optional<Instant> nextDue = Optional.empty();
        Instant lastDial = null;
        int live = 0;
        boolean finished = true;
        for (int i = 0; i < leads.size(); i++) {
            LeadHistory lead = leads.get(i);
            for (Attempt a : lead.attempts()) {
                if (lastDial == null || a.startedAt().isAfter(lastDial)) {
                    lastDial = a.startedAt();
                }
            }
            LeadStanding status = LeadStanding.of(lead, policy, now);
            finished &= status.state().finished();
            switch (status.state()) {
                case DIALLING -> live++;
                case PENDING -> due.add(new Due(i, lead, status.dueAt().orElseThrow()));
                case WAITING -> nextDue = earliest(nextDue, status.dueAt().orElseThrow());
                default -> { }
            }
        }
        due.sort(Comparator.comparing(Due::at)
                .thenComparingInt(d -> d.lead().attempts().size())
                .thenComparingInt(Due::index));
        int free = Math.max(0, pacing.maxConcurrent() - live);
        Duration gap = pacing.gap();
        Instant slot = lastDial == null || !lastDial.plus(gap).isAfter(now) ? now : lastDial.plus(gap);
        List<ScheduledDial> dials = new ArrayList<>();
        for (Due d : due.subList(0, Math.min(free, due.size()))) {
            dials.add(new ScheduledDial(d.lead().leadId(), slot, d.lead().attempts().size() + 1));
            slot = slot.plus(gap);
        }
        Optional<Instant> wakeAt = nextDue;
        if (!dials.isEmpty()) {
            wakeAt = earliest(wakeAt, slot); // plan again once the last planned dial's gap has passed
        }
        return new DialPlan(dials, wakeAt, finished);
    }

    private static Optional<Instant> earliest(Optional<Instant> current, Instant candidate) {
        return Optional.of(current.filter(c -> c.isBefore(candidate)).orElse(candidate));
    }
}
