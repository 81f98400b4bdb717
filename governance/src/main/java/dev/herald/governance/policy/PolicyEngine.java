package dev.herald.governance.policy;

import java.util.Optional;
import java.util.Set;

/**
 * Evaluates the rules of a locked snapshot. Pure: no I/O, no clock; every rule consulted is added
 * to the trace, in a fixed order, whether it passes or not. Stable reason codes:
 * {@code provider_not_allowed}, {@code model_not_allowed}, {@code operation_not_allowed},
 * {@code token_cap_exceeded}, {@code session_budget_cap_exceeded}, {@code turn_budget_cap_exceeded},
 * {@code budget_exhausted}, {@code ai_disclosure_missing}, {@code explicit_consent_missing},
 * {@code payment_card_collection}, {@code tool_not_allowed}, {@code action_verb_not_allowed}.
 */
public final class PolicyEngine {
    /** Pending violations recorded by atom ingestion that deny the next turn. */
    public static final String AI_DISCLOSURE_MISSING = "ai_disclosure_missing";
    public static final String EXPLICIT_CONSENT_MISSING = "explicit_consent_missing";
    public static final String PAYMENT_CARD_COLLECTION = "payment_card_collection";

    private PolicyEngine() {}

    public static Decision.Builder start(PolicyRules r, String provider, String model, String operation,
                                         long estimatedInput, long estimatedOutput, long budgetTotalMicros) {
        Decision.Builder b = new Decision.Builder();
        member(b, r.allowedProviders(), provider, "allowed_providers", "provider_not_allowed",
                "This voice provider is not allowed by the project's policy.");
        member(b, r.allowedModels(), model, "allowed_models", "model_not_allowed",
                "This model is not allowed by the project's policy.");
        member(b, r.allowedOperations(), operation, "allowed_operations", "operation_not_allowed",
                "This operation is not allowed by the project's policy.");
        cap(b, r.maxInputTokensPerTurn(), estimatedInput, "max_input_tokens_per_turn", "token_cap_exceeded",
                "The estimated input tokens exceed the policy's per-turn cap.");
        cap(b, r.maxOutputTokensPerTurn(), estimatedOutput, "max_output_tokens_per_turn", "token_cap_exceeded",
                "The estimated output tokens exceed the policy's per-turn cap.");
        if (budgetTotalMicros >= 0) {
            cap(b, r.maxSessionBudgetMicros(), budgetTotalMicros, "max_session_budget_micros",
                    "session_budget_cap_exceeded", "The requested session budget exceeds the policy's spend cap.");
        } else {
            b.skip("max_session_budget_micros", "no budget envelope requested");
        }
        return b;
    }

    /** Adds the turn rules to {@code b}. {@code budgetTotal} -1 means no envelope. */
    public static void turn(PolicyRules r, Decision.Builder b, String pendingViolation, long inputTokens,
                            long outputTokens, long requestedMicros, long usedMicros, long budgetTotal) {
        if (pendingViolation == null) {
            b.pass("session_evidence", "no pending policy violation from ingested atoms");
        } else {
            b.fail(ruleOf(pendingViolation), pendingViolation, reasonOf(pendingViolation),
                    "an ingested atom violated " + ruleOf(pendingViolation));
        }
        cap(b, r.maxInputTokensPerTurn(), inputTokens, "max_input_tokens_per_turn", "token_cap_exceeded",
                "This turn uses more input tokens than the policy allows.");
        cap(b, r.maxOutputTokensPerTurn(), outputTokens, "max_output_tokens_per_turn", "token_cap_exceeded",
                "This turn uses more output tokens than the policy allows.");
        cap(b, r.maxTurnBudgetMicros(), requestedMicros, "max_turn_budget_micros", "turn_budget_cap_exceeded",
                "This turn would spend more than the policy allows per turn.");
        if (budgetTotal >= 0) {
            long after = usedMicros + requestedMicros;
            b.check(after >= usedMicros && after <= budgetTotal, "risk_budget", "budget_exhausted",
                    "The session's budget is exhausted.",
                    "used " + usedMicros + " + requested " + requestedMicros + " of " + budgetTotal + " micros");
        } else {
            b.skip("risk_budget", "session has no budget envelope");
        }
    }

    public static void tool(PolicyRules r, Decision.Builder b, String toolName, String verb) {
        member(b, r.allowedTools(), toolName, "allowed_tools", "tool_not_allowed",
                "This tool is not allowed by the project's policy.");
        member(b, r.allowedActionVerbs(), verb, "allowed_action_verbs", "action_verb_not_allowed",
                "This action is not allowed by the project's policy.");
    }

    private static String ruleOf(String violation) {
        return switch (violation) {
            case AI_DISCLOSURE_MISSING -> "require_ai_disclosure";
            case EXPLICIT_CONSENT_MISSING -> "require_explicit_consent";
            case PAYMENT_CARD_COLLECTION -> "deny_payment_card_collection";
            default -> violation;
        };
    }

    private static String reasonOf(String violation) {
        return switch (violation) {
            case AI_DISCLOSURE_MISSING -> "The agent spoke before disclosing that it is an AI.";
            case EXPLICIT_CONSENT_MISSING -> "Recording started before the caller gave explicit consent.";
            case PAYMENT_CARD_COLLECTION -> "The caller said a payment card number; the agent may not collect it.";
            default -> "A policy rule was violated.";
        };
    }

    private static void member(Decision.Builder b, Optional<Set<String>> allowed, String value, String rule,
                               String code, String reason) {
        if (allowed.isEmpty()) {
            b.skip(rule, "no restriction");
        } else {
            b.check(allowed.get().contains(value), rule, code, reason, "'" + value + "' in " + allowed.get());
        }
    }

    private static void cap(Decision.Builder b, Optional<Long> cap, long value, String rule, String code, String reason) {
        if (cap.isEmpty()) {
            b.skip(rule, "no cap");
        } else {
            b.check(value <= cap.get(), rule, code, reason, value + " <= " + cap.get());
        }
    }
}
