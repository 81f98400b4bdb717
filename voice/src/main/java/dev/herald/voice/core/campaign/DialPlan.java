package dev.herald.voice.core.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The scheduler's answer: the dials to place (in order, each at its time), when to plan again if
 * nothing else happens ({@code wakeAt}; a call ending is always a reason to plan again), and
 * whether every lead is finished.
 */
public record DialPlan(List<ScheduledDial> dials, Optional<Instant> wakeAt, boolean finished) {
    public DialPlan {
        dials = List.copyOf(dials);
    }
}
