package dev.herald.voice.core.simulation;

import java.util.Objects;

/** What a simulated callee does after (or while) the agent speaks. A closed set. */
public sealed interface CalleeReply {
    /** Speak after the agent finishes. */
    record Speak(String text) implements CalleeReply {
        public Speak {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Barge in when the agent is {@code at} (0..1) of the way through its turn. */
    record Interrupt(String text, double at) implements CalleeReply {
        public Interrupt {
            Objects.requireNonNull(text, "text");
            if (!(at > 0 && at < 1)) {
                throw new IllegalArgumentException("at must be in (0, 1)");
            }
        }
    }

    record HangUp() implements CalleeReply {}

    record Silence() implements CalleeReply {}
}
