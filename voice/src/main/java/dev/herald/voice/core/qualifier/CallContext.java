package dev.herald.voice.core.qualifier;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/** What the agent knows about the callee before the call (from the lead record or the inbound number). */
public record CallContext(String leadId, Optional<String> leadName, Optional<String> company, Optional<ZoneId> zone) {
    public CallContext {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(leadName, "leadName");
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(zone, "zone");
    }

    public static CallContext anonymous(String leadId) {
        return new CallContext(leadId, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
