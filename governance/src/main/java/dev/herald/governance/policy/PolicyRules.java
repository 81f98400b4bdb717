package dev.herald.governance.policy;

import dev.herald.platform.domain.Invalid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.http.JsonFields;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of one policy document ({@code policy_json}). An absent list means "anything"; an
 * absent cap means "no cap"; booleans default to false. Unknown members are refused so that a
 * misspelt rule never silently allows. See docs/realtime.md for the member list.
 */
public record PolicyRules(Optional<Set<String>> allowedProviders, Optional<Set<String>> allowedModels,
                          Optional<Set<String>> allowedOperations, Optional<Set<String>> allowedTools,
                          Optional<Set<String>> allowedActionVerbs, boolean requireAiDisclosure,
                          boolean requireExplicitConsent, boolean denyPaymentCardCollection,
                          Optional<Long> maxInputTokensPerTurn, Optional<Long> maxOutputTokensPerTurn,
                          Optional<Long> maxTurnBudgetMicros, Optional<Long> maxSessionBudgetMicros,
                          Optional<Long> maxPaymentAmountMinor) {

    public static final Set<String> MEMBERS = Set.of("allowed_providers", "allowed_models", "allowed_operations",
            "allowed_tools", "allowed_action_verbs", "require_ai_disclosure", "require_explicit_consent",
            "deny_payment_card_collection", "max_input_tokens_per_turn", "max_output_tokens_per_turn",
            "max_turn_budget_micros", "max_session_budget_micros", "max_payment_amount_minor", "description");

    public PolicyRules {
        allowedProviders = allowedProviders.map(Set::copyOf);
        allowedModels = allowedModels.map(Set::copyOf);
        allowedOperations = allowedOperations.map(Set::copyOf);
        allowedTools = allowedTools.map(Set::copyOf);
        allowedActionVerbs = allowedActionVerbs.map(Set::copyOf);
    }

    /** Parses and validates a document; errors name the member under {@code path}. */
    public static PolicyRules parse(ObjectNode document, String path) {
        JsonFields f = JsonFields.of(document, path).only(MEMBERS);
        f.optionalString("description");
        return new PolicyRules(strings(f, "allowed_providers"), strings(f, "allowed_models"),
                strings(f, "allowed_operations"), strings(f, "allowed_tools"), strings(f, "allowed_action_verbs"),
                f.bool("require_ai_disclosure", false), f.bool("require_explicit_consent", false),
                f.bool("deny_payment_card_collection", false), cap(f, "max_input_tokens_per_turn"),
                cap(f, "max_output_tokens_per_turn"), cap(f, "max_turn_budget_micros"),
                cap(f, "max_session_budget_micros"), cap(f, "max_payment_amount_minor"));
    }

    private static Optional<Set<String>> strings(JsonFields f, String name) {
        ArrayNode a = f.optionalArray(name);
        if (a == null) {
            return Optional.empty();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < a.size(); i++) {
            JsonNode v = a.get(i);
            if (!v.isTextual() || v.textValue().isBlank()) {
                throw new Invalid(f.field(name) + "[" + i + "]", "must be a non-empty string");
            }
            out.add(v.textValue());
        }
        return Optional.of(out);
    }

    private static Optional<Long> cap(JsonFields f, String name) {
        return f.has(name) ? Optional.of(f.nonNegativeLong(name, null)) : Optional.empty();
    }

    /** The rules in force when several policies apply at once: every one of them must hold. */
    public static PolicyRules combine(List<PolicyRules> all) {
        PolicyRules out = new PolicyRules(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, false, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        for (PolicyRules r : all) {
            out = new PolicyRules(meet(out.allowedProviders, r.allowedProviders), meet(out.allowedModels, r.allowedModels),
                    meet(out.allowedOperations, r.allowedOperations), meet(out.allowedTools, r.allowedTools),
                    meet(out.allowedActionVerbs, r.allowedActionVerbs),
                    out.requireAiDisclosure || r.requireAiDisclosure,
                    out.requireExplicitConsent || r.requireExplicitConsent,
                    out.denyPaymentCardCollection || r.denyPaymentCardCollection,
                    min(out.maxInputTokensPerTurn, r.maxInputTokensPerTurn),
                    min(out.maxOutputTokensPerTurn, r.maxOutputTokensPerTurn),
                    min(out.maxTurnBudgetMicros, r.maxTurnBudgetMicros),
                    min(out.maxSessionBudgetMicros, r.maxSessionBudgetMicros),
                    min(out.maxPaymentAmountMinor, r.maxPaymentAmountMinor));
        }
        return out;
    }

    private static Optional<Set<String>> meet(Optional<Set<String>> a, Optional<Set<String>> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        Set<String> both = new LinkedHashSet<>(a.get());
        both.retainAll(b.get());
        return Optional.of(both);
    }

    private static Optional<Long> min(Optional<Long> a, Optional<Long> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(Math.min(a.get(), b.get()));
    }
}
