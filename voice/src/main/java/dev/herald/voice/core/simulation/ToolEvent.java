package dev.herald.voice.core.simulation;

import dev.herald.voice.core.qualifier.ToolCall;
import dev.herald.voice.core.qualifier.ToolResult;
import java.util.Objects;

/** A tool call in a call's timeline: when (ms from answer), what, whether it was allowed, and its result. */
public record ToolEvent(long atMs, ToolCall call, boolean allowed, ToolResult result) {
    public ToolEvent {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(result, "result");
    }
}
