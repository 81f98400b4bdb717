package dev.herald.voice.core.call;

import java.util.Objects;

/**
 * One utterance, timed in milliseconds from the moment the call was answered. An interrupted
 * agent turn keeps the text it meant to say but ends where the callee barged in
 * ({@code interrupted} is then true).
 */
public record TranscriptTurn(Role role, String text, long startMs, long endMs, boolean interrupted) {
    public TranscriptTurn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        if (startMs < 0 || endMs < startMs) {
            throw new IllegalArgumentException("need 0 <= startMs <= endMs, got " + startMs + ".." + endMs);
        }
    }

    public TranscriptTurn(Role role, String text, long startMs, long endMs) {
        this(role, text, startMs, endMs, false);
    }

    public long durationMs() {
        return endMs - startMs;
    }
}
