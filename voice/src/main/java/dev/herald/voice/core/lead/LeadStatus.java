package dev.herald.voice.core.lead;

import java.util.Arrays;
import java.util.Optional;

/** Where a lead stands in the sales funnel. A closed set. */
public enum LeadStatus {
    NEW("new"),
    CONTACTED("contacted"),
    QUALIFIED("qualified"),
    UNQUALIFIED("unqualified"),
    MEETING_BOOKED("meeting_booked"),
    UNREACHABLE("unreachable"),
    DO_NOT_CALL("do_not_call");

    private final String wire;

    LeadStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<LeadStatus> fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }
}
