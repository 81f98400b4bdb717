package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.profile.Tool;
import java.util.Map;
import java.util.Objects;

/** A tool the agent wants to use, with its arguments. The caller allows or denies it, then reports a {@link ToolResult}. */
public record ToolCall(String id, Tool tool, Map<String, String> arguments) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tool, "tool");
        arguments = Map.copyOf(arguments);
    }
}
