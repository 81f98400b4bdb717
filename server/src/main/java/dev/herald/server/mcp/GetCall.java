package dev.herald.server.mcp;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.Invalid;
import dev.herald.voice.calls.CallQueries;

/**
 * {@code get_call}: one call as {@code GET /api/v1/voice/calls/{id}} answers it, through
 * {@link CallQueries}: its transcript, summary and verdict, the recording link, and the links to the
 * governed session and its attestation. Another workspace's call is not found.
 */
final class GetCall implements McpTool {
    static final String NAME = "get_call";

    private final CallQueries calls;

    GetCall(CallQueries calls) {
        this.calls = calls;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Arguments(String callId) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Object call(Caller caller, ToolArguments arguments) {
        Arguments a = arguments.as(Arguments.class);
        if (a.callId() == null || a.callId().isBlank()) {
            throw new Invalid("call_id", "is required (a call id from list_calls or get_call_results)");
        }
        return calls.get(caller.workspaceId(), a.callId());
    }
}
