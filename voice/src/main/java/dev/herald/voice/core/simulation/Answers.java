package dev.herald.voice.core.simulation;

import dev.herald.voice.core.profile.AnswerRule;
import dev.herald.voice.core.profile.Condition;
import dev.herald.voice.core.profile.Criterion;
import dev.herald.voice.core.profile.Question;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** Words a simulated callee answers with: a value that meets (or misses) the criterion, phrased one of several ways. */
final class Answers {
    private final SplittableRandom random;
    private final LocalDate today;

    Answers(SplittableRandom random, LocalDate today) {
        this.random = random;
        this.today = today;
    }

    String answer(Question q, Optional<Criterion> criterion, boolean good) {
        Optional<Condition> condition = criterion.map(Criterion::condition);
        return switch (q.rule()) {
            case AnswerRule.YesNoRule r -> yesNo(condition.map(c -> c instanceof Condition.Is is ? is.yes() : true).orElse(true) == good);
            case AnswerRule.NumberRule r -> number(bound(r, condition, good));
            case AnswerRule.MoneyRule r -> money(r.currency(), condition, good);
            case AnswerRule.TimeframeRule r -> timeframe(condition, good);
            case AnswerRule.ChoiceRule r -> choice(r.options(), condition, good);
            case AnswerRule.TextRule r -> pick("Our reps spend far too much time on manual data entry after every call.",
                    "We lose track of leads between the first call and the follow-up.",
                    "Honestly the biggest pain is that nobody knows which calls actually went well.");
        };
    }

    private String yesNo(boolean yes) {
        return yes ? pick("Yes, that's me.", "Yeah, I make the call.", "Absolutely, I sign off on these.", "Yep.")
                : pick("No, that would be my boss.", "Not really, someone else decides.", "Nope, not me.");
    }

    private long bound(AnswerRule.NumberRule rule, Optional<Condition> condition, boolean good) {
        long min = rule.min().map(BigDecimal::longValue).orElse(1L);
        long max = rule.max().map(BigDecimal::longValue).orElse(1_000_000L);
        long n = switch (condition.orElse(null)) {
            case Condition.AtLeast a -> good ? a.value().longValue() * (2 + random.nextInt(5)) : a.value().longValue() / (2 + random.nextInt(4));
            case Condition.AtMost a -> good ? a.value().longValue() / (2 + random.nextInt(4)) : a.value().longValue() * (2 + random.nextInt(5));
            case null, default -> 5 + random.nextInt(300);
        };
        return Math.max(min, Math.min(max, Math.max(n, 1)));
    }

    private String number(long n) {
        String digits = NumberFormat.getIntegerInstance(Locale.US).format(n);
        return pick("About " + digits + " people.", "We're roughly " + English.words(n) + ".",
                digits + ", give or take.", "I'd say around " + English.words(n) + " people.");
    }

    private String money(Currency currency, Optional<Condition> condition, boolean good) {
        long threshold = condition.filter(c -> c instanceof Condition.AtLeast)
                .map(c -> ((Condition.AtLeast) c).value().longValue()).orElse(10_000L);
        double factor = good ? 1.5 + random.nextDouble() * 3.5 : 0.05 + random.nextDouble() * 0.35;
        long amount = Math.round(threshold * factor / 1000.0) * 1000;
        if (!good && (amount == 0 || random.nextInt(4) == 0)) {
            return pick("Honestly, there's no budget for it.", "We don't have a budget for this yet.");
        }
        amount = Math.max(amount, 1000);
        String symbol = switch (currency.getCurrencyCode()) {
            case "USD" -> "$";
            case "EUR" -> "€";
            case "GBP" -> "£";
            default -> currency.getCurrencyCode() + " ";
        };
        String word = switch (currency.getCurrencyCode()) {
            case "USD" -> "dollars";
            case "EUR" -> "euros";
            case "GBP" -> "pounds";
            default -> currency.getCurrencyCode();
        };
        long monthly = BigDecimal.valueOf(amount).divide(BigDecimal.valueOf(1200), 0, good ? RoundingMode.CEILING : RoundingMode.FLOOR)
                .longValue() * 100;
        List<String> options = new ArrayList<>(List.of(
                symbol + NumberFormat.getIntegerInstance(Locale.US).format(amount) + " a year.",
                "About " + amount / 1000 + "k " + word + " annually.",
                English.words(amount) + " " + word + " per year, roughly."));
        if (monthly > 0) {
            options.add("Roughly " + symbol + NumberFormat.getIntegerInstance(Locale.US).format(monthly) + " a month.");
        }
        return options.get(random.nextInt(options.size()));
    }

    private String timeframe(Optional<Condition> condition, boolean good) {
        int days = condition.filter(c -> c instanceof Condition.WithinDays).map(c -> ((Condition.WithinDays) c).days()).orElse(120);
        if (!good) {
            return pick("No real timeline, honestly.", "Maybe next year.", "Someday, not anytime soon.");
        }
        List<String> options = new ArrayList<>();
        if (days >= 14) {
            options.add("As soon as possible.");
        }
        if (days >= 7) {
            int weeks = 1 + random.nextInt(Math.min(8, days / 7));
            options.add("Within the next " + English.words(weeks) + " week" + (weeks == 1 ? "" : "s") + ".");
        }
        if (days >= ChronoUnit.DAYS.between(today, today.plusMonths(1).withDayOfMonth(1).plusMonths(1).minusDays(1))) {
            options.add("Next month, ideally.");
        }
        if (options.isEmpty()) {
            options.add("Within " + English.words(Math.max(1, days - 1)) + " days.");
        }
        return options.get(random.nextInt(options.size()));
    }

    private String choice(Map<String, List<String>> options, Optional<Condition> condition, boolean good) {
        List<String> keys = new ArrayList<>(options.keySet());
        if (condition.orElse(null) instanceof Condition.OneOf one) {
            keys.removeIf(k -> one.options().contains(k) != good);
        }
        if (keys.isEmpty()) {
            return "Something custom we built ourselves.";
        }
        String key = keys.get(random.nextInt(keys.size()));
        List<String> phrases = new ArrayList<>(options.get(key));
        phrases.add(key.replace('_', ' '));
        String phrase = phrases.get(random.nextInt(phrases.size()));
        return pick("Right now it's " + phrase + ".", "Mostly " + phrase + ", honestly.", "We use " + phrase + " at the moment.");
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
