package dev.herald.voice.core.simulation;

import dev.herald.voice.core.call.Role;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.qualifier.ToolCall;
import dev.herald.voice.core.qualifier.ToolResult;
import java.time.Instant;
import java.util.Optional;

/**
 * Hears a simulated call as it happens, on the runner's thread, at the simulated instant each
 * thing happens (a paced call reports in real time). Times in ms count from the answer. Every
 * method has a do-nothing default; a call runner reports to its event log and governed session.
 */
public interface CallObserver {
    CallObserver NONE = new CallObserver() {
    };

    /** The callee picked up. */
    default void answered(Instant at) {
    }

    /**
     * The agent is about to say {@code text}: empty lets it, a reason stops it (the agent stays
     * silent and the call ends with {@code policy_denied}).
     */
    default Optional<String> agentTurn(String text, Instant at) {
        return Optional.empty();
    }

    /** The words of an utterance so far (the last partial of a turn is followed by {@link #utterance}). */
    default void partial(Role role, String textSoFar, long startMs) {
    }

    /** A whole utterance, once spoken (or cut by a barge-in). */
    default void utterance(TranscriptTurn turn, Instant at) {
    }

    /** The agent asks for a tool. */
    default void toolCall(ToolCall call, long atMs) {
    }

    /** The {@link ToolPolicy}'s answer: empty allowed, else the denial reason. */
    default void toolDecision(ToolCall call, Optional<String> denial, long atMs) {
    }

    /** What an allowed (or denied) tool call came to. */
    default void toolResult(ToolCall call, ToolResult result, long atMs) {
    }

    /** Asked before every step: true ends the call now, as an operator hanging up. */
    default boolean hangupRequested() {
        return false;
    }
}
