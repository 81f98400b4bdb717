package dev.herald.voice.calls;

import dev.herald.voice.core.simulation.SimulatedCall;

/**
 * Makes a finished call's recording (real audio, never a fake): wired by the composition root to
 * the recordings package. Used only when the callee consented to recording, in two steps so that
 * a call's end never waits for speech synthesis.
 */
public interface CallRecorder {
    /**
     * Inside the call's end transaction: the call will have a recording. Until it is made the call
     * says so, and a node that stops before making it leaves it for another to make.
     */
    void expect(String workspaceId, String callId);

    /** After the end committed: makes the recording in the background and returns at once. */
    void record(String workspaceId, String callId, SimulatedCall call);
}
