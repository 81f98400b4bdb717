package dev.herald.voice.calls;

/**
 * The kinds of event on a call's live stream. Lifecycle events also go to the workspace's stream
 * (dashboards); the others only to the call's own. The stream of a call ends with {@link #VERDICT}.
 */
public enum CallEventType {
    /** Asked for and waiting for a line. data: the call's status. */
    QUEUED("call.queued", true),
    /** The compliance gate refused it; never dialled. data: refusal reason, outcome. */
    REFUSED("call.refused", true),
    DIALLING("call.dialling", true),
    ANSWERED("call.answered", true),
    /** Words of an utterance so far. data: role, text, start_ms. */
    PARTIAL_UTTERANCE("utterance.partial", false),
    /** A whole utterance. data: role, text, start_ms, end_ms, interrupted. */
    FINAL_UTTERANCE("utterance.final", false),
    /** The governed session's decision on an agent turn. data: decision, reason_code, turn_id. */
    TURN_DECISION("turn.decision", false),
    /** The agent asks for a tool. data: tool_call_id, tool, arguments. */
    TOOL_CALL("tool.call", false),
    /** The action permit's answer. data: tool_call_id, tool, decision (allow/deny), reason, permit_id. */
    TOOL_DECISION("tool.decision", false),
    /** What an allowed tool returned. data: tool_call_id, tool, result. */
    TOOL_RESULT("tool.result", false),
    /** The line is closed. data: status, outcome, end_reason, provider_end_code, duration_ms. */
    ENDED("call.ended", true),
    /** The last event: verdict, summary, session and attestation links. */
    VERDICT("call.verdict", true);

    private final String wire;
    private final boolean lifecycle;

    CallEventType(String wire, boolean lifecycle) {
        this.wire = wire;
        this.lifecycle = lifecycle;
    }

    public String wire() {
        return wire;
    }

    public boolean lifecycle() {
        return lifecycle;
    }
}
