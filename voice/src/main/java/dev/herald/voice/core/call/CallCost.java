package dev.herald.voice.core.call;

import java.util.Objects;

/**
 * What a call cost: its talk time, billed per started second, at its provider's rate per minute.
 * Amounts are in millionths of the currency's unit, so sub-cent rates add up exactly.
 */
public record CallCost(long amountMicros, String currency) {
    public CallCost {
        Objects.requireNonNull(currency, "currency");
        if (amountMicros < 0) {
            throw new IllegalArgumentException("amountMicros must be >= 0");
        }
    }

    /** A provider's price: {@code microsPerMinute} millionths of {@code currency} per minute of talk. */
    public record Rate(String currency, long microsPerMinute) {
        /** The simulated provider spends nothing: no line, no model. */
        public static final Rate SIMULATED = new Rate("USD", 0);

        public Rate {
            Objects.requireNonNull(currency, "currency");
            if (microsPerMinute < 0) {
                throw new IllegalArgumentException("microsPerMinute must be >= 0");
            }
        }

        /**
         * The rate of a provider by its wire name, or empty while it has none (the telephony and
         * model providers get theirs with their adapters).
         */
        public static java.util.Optional<Rate> of(String provider) {
            return "simulated".equals(provider) ? java.util.Optional.of(SIMULATED) : java.util.Optional.empty();
        }

        /** The cost of {@code talkMs} of talk time; a started second counts whole. */
        public CallCost of(long talkMs) {
            if (talkMs < 0) {
                throw new IllegalArgumentException("talkMs must be >= 0");
            }
            long seconds = Math.ceilDiv(talkMs, 1_000L);
            return new CallCost(Math.ceilDiv(Math.multiplyExact(seconds, microsPerMinute), 60L), currency);
        }
    }
}
