package dev.herald.voice.core.call;

import java.util.Arrays;
import java.util.Optional;

/** How a call (or a refused dial) ended, from the sales team's point of view. A closed set. */
public enum CallOutcome {
    QUALIFIED("qualified"),
    UNQUALIFIED("unqualified"),
    NO_ANSWER("no_answer"),
    VOICEMAIL("voicemail"),
    BUSY("busy"),
    FAILED("failed"),
    DO_NOT_CALL("do_not_call"),
    OUTSIDE_CALLING_HOURS("outside_calling_hours");

    private final String wire;

    CallOutcome(String wire) {
        this.wire = wire;
    }

    /** The name on the wire and in the database. */
    public String wire() {
        return wire;
    }

    /** True when the callee picked up and spoke with the agent. */
    public boolean connected() {
        return this == QUALIFIED || this == UNQUALIFIED || this == DO_NOT_CALL;
    }

    public static Optional<CallOutcome> fromWire(String wire) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(wire)).findFirst();
    }
}
