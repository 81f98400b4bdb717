package dev.herald.voice.core.profile;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** How to extract a question's answer from what the callee says. A closed set of rule kinds. */
public sealed interface AnswerRule {

    /** A count; values outside {@code min..max} are treated as misheard and the question is asked again. */
    record NumberRule(Optional<BigDecimal> min, Optional<BigDecimal> max) implements AnswerRule {
        public NumberRule {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
        }

        public static NumberRule any() {
            return new NumberRule(Optional.empty(), Optional.empty());
        }
    }

    /** An amount of money; {@code currency} is assumed when the callee names none. */
    record MoneyRule(Currency currency) implements AnswerRule {
        public MoneyRule {
            Objects.requireNonNull(currency, "currency");
        }
    }

    record YesNoRule() implements AnswerRule {}

    /** A date or timeframe ("next quarter", "within six weeks", "by March"). */
    record TimeframeRule() implements AnswerRule {}

    /** One of a set of options: option key to the phrases that mean it (the key itself always does). */
    record ChoiceRule(Map<String, List<String>> options) implements AnswerRule {
        public ChoiceRule {
            LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
            options.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            options = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /** Free text of at least {@code minWords} words. */
    record TextRule(int minWords) implements AnswerRule {}
}
