package dev.herald.voice.core.profile;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/** What an answer must satisfy for a criterion to be met. A closed set. */
public sealed interface Condition {

    /** Number or money answers of at least {@code value} (money only in the rule's currency). */
    record AtLeast(BigDecimal value) implements Condition {
        public AtLeast {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Number or money answers of at most {@code value}. */
    record AtMost(BigDecimal value) implements Condition {
        public AtMost {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A yes/no answer equal to {@code yes}. */
    record Is(boolean yes) implements Condition {}

    /** A choice answer among {@code options}. */
    record OneOf(Set<String> options) implements Condition {
        public OneOf {
            options = Set.copyOf(options);
        }
    }

    /** A timeframe answer no more than {@code days} after the call. */
    record WithinDays(int days) implements Condition {}

    /** Any real answer (not "I don't know"). */
    record Answered() implements Condition {}
}
