package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.EndReason;
import java.util.Objects;

/** What the agent does next. A closed set; a {@link CallTool} is always the last action of a step. */
public sealed interface AgentAction {

    /** Speak this text as one agent turn. */
    record Say(String text) implements AgentAction {
        public Say {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Ask to use a tool; the agent waits for {@link QualifierAgent#toolResult} before going on. */
    record CallTool(ToolCall call) implements AgentAction {
        public CallTool {
            Objects.requireNonNull(call, "call");
        }
    }

    /** Hang up (only after an allowed {@code end_call}). */
    record Hangup(EndReason reason) implements AgentAction {
        public Hangup {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
