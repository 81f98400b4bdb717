package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.AnswerValue;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Extracts an amount of money: a number, its currency (symbol, code or word) and its period. */
final class Money {
    private static final Pattern MONTH = Pattern.compile("\\b(a|per|each|every) month\\b|\\bmonthly\\b|/\\s?mo(nth)?\\b");
    private static final Pattern YEAR = Pattern.compile("\\b(a|per|each|every) (year|annum)\\b|\\b(yearly|annually|annual)\\b|/\\s?y(ea)?r\\b");
    private static final Pattern NONE = Pattern.compile("\\b(no budget|zero budget|nothing set aside|haven't got any budget|don't have (a|any) budget)\\b");

    private Money() {}

    static Optional<AnswerValue> extract(String text, Currency fallback) {
        String lower = text.toLowerCase(Locale.ROOT);
        AnswerValue.Money.Period period = MONTH.matcher(lower).find() ? AnswerValue.Money.Period.MONTH
                : YEAR.matcher(lower).find() ? AnswerValue.Money.Period.YEAR : AnswerValue.Money.Period.TOTAL;
        if (NONE.matcher(lower).find()) {
            return Optional.of(new AnswerValue.Money(BigDecimal.ZERO, fallback, period));
        }
        Optional<Numbers.Found> number = Numbers.first(text);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AnswerValue.Money(number.get().value(), currency(lower).orElse(fallback), period));
    }

    private static Optional<Currency> currency(String lower) {
        if (lower.contains("€") || lower.matches("(?s).*\\b(euros?|eur)\\b.*")) {
            return Optional.of(Currency.getInstance("EUR"));
        }
        if (lower.contains("£") || lower.matches("(?s).*\\b(pounds?|quid|gbp|sterling)\\b.*")) {
            return Optional.of(Currency.getInstance("GBP"));
        }
        if (lower.contains("$") || lower.matches("(?s).*\\b(dollars?|bucks|usd)\\b.*")) {
            return Optional.of(Currency.getInstance("USD"));
        }
        return Optional.empty();
    }

    /** The amount per year: monthly amounts count twelve-fold, a total counts as it is. */
    static BigDecimal perYear(AnswerValue.Money money) {
        return money.period() == AnswerValue.Money.Period.MONTH ? money.amount().multiply(BigDecimal.valueOf(12)) : money.amount();
    }
}
