package dev.herald.governance.realtime;

import dev.herald.governance.policy.Decision;
import java.time.Instant;

/** The default verb: a model-driven tool call with no context of its own to validate. */
final class AiGenerateVerb implements ActionVerb {
    @Override
    public String name() {
        return "ai.generate";
    }

    @Override
    public String actionName(ToolCall call) {
        return call.toolName();
    }

    @Override
    public String resourceProvider(String sessionProvider) {
        return sessionProvider;
    }

    @Override
    public String resourceModel(String sessionModel) {
        return sessionModel;
    }

    @Override
    public void evaluate(ToolCall call, long maxAmountMinor, Instant now, Decision.Builder trace) {
        trace.pass("action_verb:ai.generate", "no verb context to validate");
    }
}
