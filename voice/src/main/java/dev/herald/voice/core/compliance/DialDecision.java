package dev.herald.voice.core.compliance;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The gate's answer. A closed set: allowed, or refused with a reason. */
public sealed interface DialDecision {

    /** The dial may go ahead; {@code zones} are the zones whose window was checked. */
    record Allowed(List<ZoneId> zones) implements DialDecision {
        public Allowed {
            zones = List.copyOf(zones);
        }
    }

    /**
     * The dial must not happen now. {@code windowOpens} is, for {@code outside_calling_hours}, the
     * next instant the calling window opens (empty when it does not open within the gate's
     * eight-day horizon, e.g. fallback zones with no common hours); otherwise empty.
     */
    record Refused(RefusalReason reason, Optional<Instant> windowOpens) implements DialDecision {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(windowOpens, "windowOpens");
        }
    }

    default boolean allowed() {
        return this instanceof Allowed;
    }
}
