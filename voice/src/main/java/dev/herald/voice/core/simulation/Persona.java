package dev.herald.voice.core.simulation;

import dev.herald.voice.core.call.CallOutcome;

/** Who answers a simulated call, and the outcome the call must end with. */
public enum Persona {
    QUALIFIED_BUYER(CallOutcome.QUALIFIED),
    UNQUALIFIED_BUYER(CallOutcome.UNQUALIFIED),
    NO_ANSWER(CallOutcome.NO_ANSWER),
    BUSY(CallOutcome.BUSY),
    VOICEMAIL(CallOutcome.VOICEMAIL),
    /** Answers a few questions, then hangs up. */
    HANG_UP_MID_CALL(CallOutcome.UNQUALIFIED),
    /** A qualified buyer who barges in on the agent. */
    INTERRUPTER(CallOutcome.QUALIFIED),
    /** Asks to be put on the do-not-call list. */
    DO_NOT_CALL_REQUEST(CallOutcome.DO_NOT_CALL);

    private final CallOutcome expected;

    Persona(CallOutcome expected) {
        this.expected = expected;
    }

    /** The outcome a call with this persona ends with under the default profile and an allowing policy. */
    public CallOutcome expectedOutcome() {
        return expected;
    }

    public boolean answers() {
        return this != NO_ANSWER && this != BUSY;
    }
}
