package dev.herald.voice.testcalls;

/** What the callee does next: says something, stays silent for the turn-detection timeout, or hangs up. */
sealed interface CalleeInput {
    record Says(String text) implements CalleeInput {
    }

    record Silence() implements CalleeInput {
    }

    record HangsUp() implements CalleeInput {
    }
}
