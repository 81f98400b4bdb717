package dev.herald.voice.core.campaign;

import dev.herald.voice.core.call.CallOutcome;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Retries per outcome. Only {@code no_answer}, {@code busy}, {@code voicemail} and {@code failed}
 * (a provider error) can be retried; a lead that ended in any other outcome is final. After an
 * attempt ending in outcome X the lead is dialled again when its total number of dials is below
 * X's {@code maxAttempts}, no sooner than X's spacing after that attempt ended. An outcome without
 * a rule is not retried.
 */
public record RetryPolicy(Map<CallOutcome, RetryRule> rules) {
    public static final Set<CallOutcome> RETRYABLE = EnumSet.of(
            CallOutcome.NO_ANSWER, CallOutcome.BUSY, CallOutcome.VOICEMAIL, CallOutcome.FAILED);

    public RetryPolicy {
        rules = rules.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(rules));
        for (CallOutcome outcome : rules.keySet()) {
            if (!RETRYABLE.contains(outcome)) {
                throw new IllegalArgumentException(outcome.wire() + " cannot be retried");
            }
        }
    }

    /** No answer: 3 dials 4 hours apart; busy: 3 dials 15 minutes apart; voicemail: 2 dials a day apart; failed: 2 dials 10 minutes apart. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Map.of(
                CallOutcome.NO_ANSWER, new RetryRule(3, Duration.ofHours(4)),
                CallOutcome.BUSY, new RetryRule(3, Duration.ofMinutes(15)),
                CallOutcome.VOICEMAIL, new RetryRule(2, Duration.ofDays(1)),
                CallOutcome.FAILED, new RetryRule(2, Duration.ofMinutes(10))));
    }

    public static RetryPolicy never() {
        return new RetryPolicy(Map.of());
    }

    public Optional<RetryRule> rule(CallOutcome outcome) {
        return Optional.ofNullable(rules.get(outcome));
    }
}
