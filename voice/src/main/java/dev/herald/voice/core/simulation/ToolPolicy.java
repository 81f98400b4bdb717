package dev.herald.voice.core.simulation;

import dev.herald.voice.core.profile.Tool;
import dev.herald.voice.core.qualifier.ToolCall;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The caller's allow/deny decision for each tool call. When wired, this is the governed session's
 * action permit under the tool's scope; here it is any function.
 */
@FunctionalInterface
public interface ToolPolicy {
    /** The reason to deny {@code call}, or empty to allow it. */
    Optional<String> deny(ToolCall call);

    static ToolPolicy allowAll() {
        return call -> Optional.empty();
    }

    static ToolPolicy denying(Tool first, Tool... more) {
        Set<Tool> denied = EnumSet.of(first, more);
        return call -> denied.contains(call.tool()) ? Optional.of("policy denies " + call.tool().wire()) : Optional.empty();
    }
}
