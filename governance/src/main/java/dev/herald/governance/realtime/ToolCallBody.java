package dev.herald.governance.realtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.MalformedInput;

/**
 * A tool call as sent: the body of {@code POST .../action-permits}, or a turn's {@code tool_call}.
 * {@code action_verb} defaults to {@link ActionVerbs#DEFAULT}. Members it does not name are the
 * turn gates' (a Ratify proof), so they are ignored here.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ToolCallBody(String toolName, String callId, String actionVerb, ObjectNode arguments,
                           ObjectNode verbContext) {

    /** Every field error of an action-permit body at once. */
    public void check() {
        FieldCheck check = new FieldCheck();
        check(check, "");
        check.throwIfAny();
    }

    /** Adds the field errors of this call, sitting at {@code at} in its body ({@code ""} at the root). */
    void check(FieldCheck check, String at) {
        check.required(at + "tool_name", toolName).key(at + "call_id", callId);
        if (actionVerb != null) {
            check.required(at + "action_verb", actionVerb);
        }
        check.integersOnly(at + "arguments", arguments).integersOnly(at + "verb_context", verbContext);
    }

    /**
     * The call, for one that passed {@link #check}; an unknown verb is a 400 naming
     * {@code action_verb} (a client names a verb this server does not know, rather than a bad value).
     */
    ToolCall toolCall(ActionVerbs verbs, String at) {
        String name = actionVerb == null ? ActionVerbs.DEFAULT : actionVerb;
        ActionVerb verb = verbs.find(name).orElseThrow(() -> new MalformedInput(at + "action_verb",
                "unknown action verb '" + name + "'; known verbs: " + verbs.names()));
        ObjectNode args = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
        return new ToolCall(toolName, callId, verb, args, verbContext == null ? args : verbContext);
    }
}
