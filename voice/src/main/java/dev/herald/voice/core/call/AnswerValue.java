package dev.herald.voice.core.call;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/** A value the qualifier extracted from what the callee said. A closed set of shapes. */
public sealed interface AnswerValue {

    /** A count or quantity ("about 120 people"); a stated range keeps its lower bound. */
    record Number(BigDecimal value) implements AnswerValue {
        public Number {
            value = canonical(value);
        }
    }

    /** An amount of money in a currency, optionally per period ("50k a year"). */
    record Money(BigDecimal amount, Currency currency, Period period) implements AnswerValue {
        public Money {
            amount = canonical(amount);
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(period, "period");
        }

        public enum Period { TOTAL, MONTH, YEAR }
    }

    record YesNo(boolean yes) implements AnswerValue {}

    /** A point in time the callee gave ("next quarter"), resolved to the latest date it allows. */
    record Timeframe(LocalDate by, long daysFromCall) implements AnswerValue {
        public Timeframe {
            Objects.requireNonNull(by, "by");
        }
    }

    /** "No timeline", "not planning anything": an explicit lack of a timeframe. */
    record NoTimeframe() implements AnswerValue {}

    /** One of the options the profile lists, by its key. */
    record Choice(String option) implements AnswerValue {
        public Choice {
            Objects.requireNonNull(option, "option");
        }
    }

    record Text(String text) implements AnswerValue {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The callee said they do not know; asked, answered, but with no value. */
    record Unknown() implements AnswerValue {}

    /** Numbers compare by value: 120, 120.0 and 1.2E+2 are one answer. */
    private static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = Objects.requireNonNull(value, "value").stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
