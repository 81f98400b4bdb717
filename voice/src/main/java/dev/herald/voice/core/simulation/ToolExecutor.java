package dev.herald.voice.core.simulation;

import dev.herald.voice.core.qualifier.CallContext;
import dev.herald.voice.core.qualifier.ToolCall;
import dev.herald.voice.core.qualifier.ToolResult;

/** Carries out a tool call the {@link ToolPolicy} allowed. {@link SimulatedTools} is one; a call runner wraps it with real writes. */
@FunctionalInterface
public interface ToolExecutor {
    ToolResult execute(ToolCall call, CallContext context);
}
