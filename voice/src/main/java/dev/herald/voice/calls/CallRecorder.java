package dev.herald.voice.calls;

import dev.herald.voice.core.simulation.SimulatedCall;
import java.util.Optional;

/**
 * Renders and stores a finished call's recording (real audio, never a fake): wired by the
 * composition root to the recordings package. Called after the call's end committed, only when the
 * callee consented to recording. Answers the recording's id, or empty with no recording (for
 * example no speech synthesizer on this machine).
 */
public interface CallRecorder {
    Optional<String> record(String workspaceId, String callId, SimulatedCall call);
}
