package dev.herald.governance.realtime;

import dev.herald.governance.policy.Decision;
import java.time.Instant;

/**
 * An action a tool call may dispatch through. A verb validates its own context (adding steps to
 * the decision trace; a failed step denies the call) and names what the child permit records.
 * Register new verbs in {@link ActionVerbs}. Implementations are stateless and thread-safe.
 */
public interface ActionVerb {
    /** Wire name, for example {@code ai.generate}. */
    String name();

    /** The child permit's {@code action_name}. */
    String actionName(ToolCall call);

    /** The child permit's {@code resource_provider}; {@code sessionProvider} is the session's. */
    String resourceProvider(String sessionProvider);

    String resourceModel(String sessionModel);

    /** Validates {@code call.verbContext()}; {@code maxAmountMinor} is the policy's payment cap or -1. */
    void evaluate(ToolCall call, long maxAmountMinor, Instant now, Decision.Builder trace);
}
