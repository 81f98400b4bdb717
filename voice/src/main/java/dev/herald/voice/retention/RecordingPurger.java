package dev.herald.voice.retention;

import java.time.Instant;
import java.util.List;

/**
 * The port through which retention empties recordings (wired to
 * {@code RecordingService.deleteAudioBefore} in VoiceModule). Contract: drops the audio of every
 * recording of the workspace made before {@code createdBefore}, keeps its row marked deleted with
 * {@code reason}, returns the ids emptied; idempotent.
 */
@FunctionalInterface
public interface RecordingPurger {
    List<String> purge(String workspaceId, Instant createdBefore, String reason);
}
