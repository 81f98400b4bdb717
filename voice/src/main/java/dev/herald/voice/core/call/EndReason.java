package dev.herald.voice.core.call;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why the line closed. A closed set that every provider's raw code maps onto; the raw code is kept
 * beside it in {@link CallEnd} so nothing the carrier said is lost.
 */
public enum EndReason {
    /** The agent finished the conversation and hung up. */
    AGENT_ENDED("agent_ended"),
    CALLEE_HUNG_UP("callee_hung_up"),
    /** An operator hung up a live call through the API. */
    OPERATOR_HUNG_UP("operator_hung_up"),
    NO_ANSWER("no_answer"),
    BUSY("busy"),
    VOICEMAIL_DETECTED("voicemail_detected"),
    /** The compliance gate refused the dial; the call never reached the network. */
    COMPLIANCE_REFUSED("compliance_refused"),
    /** The call ran into the profile's or platform's maximum duration. */
    MAX_DURATION("max_duration"),
    SILENCE_TIMEOUT("silence_timeout"),
    PROVIDER_ERROR("provider_error"),
    /** The governed session denied the agent's turn (its policy or its delegation), so the agent stopped. */
    POLICY_DENIED("policy_denied"),
    /** The node running the call died mid-call; the call was failed, never re-dialled. */
    NODE_LOST("node_lost"),
    /** The campaign was cancelled while the call was queued or live. */
    CANCELLED("cancelled");

    private final String wire;

    EndReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<EndReason> fromWire(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst();
    }
}
