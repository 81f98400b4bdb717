package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.http.JsonFields;
import dev.herald.platform.http.MalformedInput;

/**
 * A tool call ({@code tool_call} on a turn, or the body of {@code POST .../action-permits}).
 * {@code verbContext} is {@code verb_context} when sent, else {@code arguments}.
 */
public record ToolCall(String toolName, String callId, ActionVerb verb, ObjectNode arguments, ObjectNode verbContext) {
    public ToolCall {
        arguments = arguments.deepCopy();
        verbContext = verbContext.deepCopy();
    }

    /** Parses a tool call at {@code f}; an unknown verb is a 400 naming {@code action_verb}. */
    public static ToolCall parse(JsonFields f, ActionVerbs verbs) {
        String tool = f.string("tool_name");
        String callId = Atom.idempotencyKey(f, "call_id");
        String verbName = f.has("action_verb") ? f.string("action_verb") : ActionVerbs.DEFAULT;
        ActionVerb verb = verbs.find(verbName)
                .orElseThrow(() -> new MalformedInput(f.field("action_verb"), "unknown action verb '" + verbName
                        + "'; known verbs: " + verbs.names()));
        JsonFields args = f.optionalObject("arguments");
        ObjectNode arguments = args == null ? f.node().objectNode() : args.node();
        JsonFields.requireIntegers(arguments, f.field("arguments"));
        JsonFields ctx = f.optionalObject("verb_context");
        if (ctx != null) {
            JsonFields.requireIntegers(ctx.node(), ctx.path());
        }
        return new ToolCall(tool, callId, verb, arguments, ctx == null ? arguments : ctx.node());
    }
}
