package dev.herald.voice.campaigns;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.campaign.RetryPolicy;
import dev.herald.voice.core.campaign.RetryRule;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * A retry policy on the wire and in {@code voice_campaigns.retry_policy}: per retryable outcome,
 * how many dials in total and the minutes between them. An outcome left out of a request keeps
 * Herald's default rule; {@code max_attempts: 1} turns its retries off.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetryJson(Rule noAnswer, Rule busy, Rule voicemail, Rule failed) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rule(Integer maxAttempts, Integer spacingMinutes) {
        static Rule of(RetryRule rule) {
            return new Rule(rule.maxAttempts(), (int) rule.spacing().toMinutes());
        }

        RetryRule rule() {
            return new RetryRule(maxAttempts, Duration.ofMinutes(spacingMinutes));
        }
    }

    static RetryJson of(RetryPolicy policy) {
        return new RetryJson(rule(policy, CallOutcome.NO_ANSWER), rule(policy, CallOutcome.BUSY),
                rule(policy, CallOutcome.VOICEMAIL), rule(policy, CallOutcome.FAILED));
    }

    private static Rule rule(RetryPolicy policy, CallOutcome outcome) {
        return policy.rule(outcome).map(Rule::of).orElse(null);
    }

    /** The rule per outcome as given (null where absent). */
    Map<CallOutcome, Rule> byOutcome() {
        Map<CallOutcome, Rule> map = new EnumMap<>(CallOutcome.class);
        map.put(CallOutcome.NO_ANSWER, noAnswer);
        map.put(CallOutcome.BUSY, busy);
        map.put(CallOutcome.VOICEMAIL, voicemail);
        map.put(CallOutcome.FAILED, failed);
        return map;
    }

    /** The policy of a stored (complete, checked) value. */
    RetryPolicy policy() {
        Map<CallOutcome, RetryRule> rules = new EnumMap<>(CallOutcome.class);
        byOutcome().forEach((outcome, rule) -> {
            if (rule != null) {
                rules.put(outcome, rule.rule());
            }
        });
        return new RetryPolicy(rules);
    }
}
