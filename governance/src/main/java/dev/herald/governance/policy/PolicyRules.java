package dev.herald.governance.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of one policy document ({@link PolicyDocument}), or of several combined. An absent
 * list means "anything"; an absent cap means "no cap"; booleans default to false.
 */
public record PolicyRules(Optional<Set<String>> allowedProviders, Optional<Set<String>> allowedModels,
                          Optional<Set<String>> allowedOperations, Optional<Set<String>> allowedTools,
                          Optional<Set<String>> allowedActionVerbs, boolean requireAiDisclosure,
                          boolean requireExplicitConsent, boolean denyPaymentCardCollection,
                          Optional<Long> maxInputTokensPerTurn, Optional<Long> maxOutputTokensPerTurn,
                          Optional<Long> maxTurnBudgetMicros, Optional<Long> maxSessionBudgetMicros,
                          Optional<Long> maxPaymentAmountMinor) {

    public PolicyRules {
        allowedProviders = allowedProviders.map(Set::copyOf);
        allowedModels = allowedModels.map(Set::copyOf);
        allowedOperations = allowedOperations.map(Set::copyOf);
        allowedTools = allowedTools.map(Set::copyOf);
        allowedActionVerbs = allowedActionVerbs.map(Set::copyOf);
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
