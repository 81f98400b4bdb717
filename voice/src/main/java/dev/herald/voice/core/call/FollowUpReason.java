package dev.herald.voice.core.call;

/** Why a human (or a later call) should pick this lead up again. A closed set. */
public enum FollowUpReason {
    /** Qualified, but no meeting could be booked on the call. */
    SCHEDULE_MEETING("schedule_meeting"),
    /** The agent was not allowed to book (its tool call was denied). */
    BOOKING_DENIED("booking_denied"),
    /** The callee asked something the agent could not answer. */
    QUESTION_UNANSWERED("question_unanswered"),
    /** Some questions got no usable answer. */
    INCOMPLETE_ANSWERS("incomplete_answers"),
    CALLEE_HUNG_UP("callee_hung_up"),
    NOT_INTERESTED("not_interested"),
    VOICEMAIL_LEFT("voicemail_left"),
    SEND_INFORMATION("send_information");

    private final String wire;

    FollowUpReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
