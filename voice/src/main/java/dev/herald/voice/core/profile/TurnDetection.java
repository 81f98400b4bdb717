package dev.herald.voice.core.profile;

import java.util.Objects;

/**
 * When the agent decides the callee has finished speaking.
 *
 * @param silenceMs        silence that ends a callee turn (200..5000)
 * @param prefixPaddingMs  audio kept before detected speech (0..2000)
 * @param threshold        voice-activity threshold (0..1; higher needs louder speech)
 * @param allowInterruptions whether callee speech cuts the agent off (barge-in)
 */
public record TurnDetection(Mode mode, int silenceMs, int prefixPaddingMs, double threshold, boolean allowInterruptions) {
    public enum Mode { SERVER_VAD, SEMANTIC_VAD, MANUAL }

    public static final TurnDetection DEFAULT = new TurnDetection(Mode.SERVER_VAD, 600, 300, 0.5, true);

    public TurnDetection {
        Objects.requireNonNull(mode, "mode");
    }
}
