package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.AnswerValue;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a spoken timeframe to the latest date it allows, relative to the call's date: "asap"
 * (two weeks), "next month" (its last day), "within six weeks", "Q3", "by March", "2026-05-01",
 * "early next year" (end of March). "No timeline", "someday" and the like give
 * {@link AnswerValue.NoTimeframe}. The earliest phrase in the utterance wins.
 */
final class Timeframes {
    private record Rule(Pattern pattern, Function<Matcher, Optional<LocalDate>> resolve) {}

    private record Hit(int start, Optional<AnswerValue> value) {}

    private static final Pattern NONE = Pattern.compile(
            "\\b(no (real )?(timeline|timeframe|plans?|rush)|not planning|someday|some day|eventually|at some point|not any ?time soon|no hurry)\\b");
    private static final Pattern UNITS = Pattern.compile(
            "\\b(?:in|within|inside|over) (?:the next )?(?:about |around |roughly )?([a-z0-9 -]+?) (day|week|month|year)s?\\b");

    private final LocalDate today;
    private final List<Rule> rules = new ArrayList<>();

    Timeframes(LocalDate today) {
        this.today = today;
        rule("\\b(asap|as soon as possible|right away|immediately|urgently|right now|yesterday)\\b", m -> Optional.of(today.plusDays(14)));
        rule("\\bthis week\\b", m -> Optional.of(today.with(TemporalAdjusters.nextOrSame(java.time.DayOfWeek.SUNDAY))));
        rule("\\bnext week\\b", m -> Optional.of(today.plusWeeks(1).with(TemporalAdjusters.nextOrSame(java.time.DayOfWeek.SUNDAY))));
        rule("\\b(this|the end of the|end of the|end of this) month\\b", m -> Optional.of(today.with(TemporalAdjusters.lastDayOfMonth())));
        rule("\\bnext month\\b", m -> Optional.of(today.plusMonths(1).with(TemporalAdjusters.lastDayOfMonth())));
        rule("\\b(this|the current) quarter\\b", m -> Optional.of(endOfQuarter(today)));
        rule("\\bnext quarter\\b", m -> Optional.of(endOfQuarter(today.plusMonths(3))));
        rule("\\bq([1-4])\\b(?:\\s*(20\\d\\d))?", m -> Optional.of(quarter(Integer.parseInt(m.group(1)), m.group(2))));
        rule("\\b(early|beginning of|start of) next year\\b", m -> Optional.of(LocalDate.of(today.getYear() + 1, 3, 31)));
        rule("\\bnext year\\b", m -> Optional.of(LocalDate.of(today.getYear() + 1, 12, 31)));
        rule("\\b(this year|end of the year|end of year|year end|year-end|by the end of the year)\\b",
                m -> Optional.of(LocalDate.of(today.getYear(), 12, 31)));
        rule("\\b(20\\d\\d-\\d\\d-\\d\\d)\\b", m -> iso(m.group(1)));
        rule("\\b(january|february|march|april|may|june|july|august|september|october|november|december)\\b",
                m -> month(m.group(1)));
    }

    private void rule(String regex, Function<Matcher, Optional<LocalDate>> resolve) {
        rules.add(new Rule(Pattern.compile(regex), resolve));
    }

    Optional<AnswerValue> extract(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<Hit> hits = new ArrayList<>();
        Matcher none = NONE.matcher(lower);
        if (none.find()) {
            hits.add(new Hit(none.start(), Optional.of(new AnswerValue.NoTimeframe())));
        }
        Matcher units = UNITS.matcher(lower);
        if (units.find()) {
            Optional<Numbers.Found> n = Numbers.first(units.group(1).replace("couple of", "a couple").replace("few", "three"));
            n.ifPresent(found -> hits.add(new Hit(units.start(), Optional.of(
                    value(today.plus(found.value().longValue(), unit(units.group(2))))))));
        }
        for (Rule r : rules) {
            Matcher m = r.pattern().matcher(lower);
            if (m.find()) {
                // "may" is also a verb; only take it as a month after a preposition.
                if (m.group().equals("may") && !lower.matches("(?s).*\\b(by|in|until|before|around|of) may\\b.*")) {
                    continue;
                }
                hits.add(new Hit(m.start(), r.resolve().apply(m).map(this::value)));
            }
        }
        return hits.stream().filter(h -> h.value().isPresent()).min(Comparator.comparingInt(Hit::start))
                .flatMap(Hit::value);
    }

    private AnswerValue value(LocalDate by) {
        return new AnswerValue.Timeframe(by, Math.max(0, ChronoUnit.DAYS.between(today, by)));
    }

    private static ChronoUnit unit(String word) {
        return switch (word) {
            case "day" -> ChronoUnit.DAYS;
            case "week" -> ChronoUnit.WEEKS;
            case "month" -> ChronoUnit.MONTHS;
            default -> ChronoUnit.YEARS;
        };
    }

    private static LocalDate endOfQuarter(LocalDate date) {
        int quarter = date.get(IsoFields.QUARTER_OF_YEAR);
        return LocalDate.of(date.getYear(), quarter * 3, 1).with(TemporalAdjusters.lastDayOfMonth());
    }

    private LocalDate quarter(int q, String year) {
        int y = year != null ? Integer.parseInt(year) : today.getYear();
        LocalDate end = LocalDate.of(y, q * 3, 1).with(TemporalAdjusters.lastDayOfMonth());
        return year == null && end.isBefore(today) ? end.plusYears(1) : end;
    }

    private Optional<LocalDate> month(String name) {
        Month month = Month.valueOf(name.toUpperCase(Locale.ROOT));
        LocalDate end = LocalDate.of(today.getYear(), month, 1).with(TemporalAdjusters.lastDayOfMonth());
        return Optional.of(end.isBefore(today) ? end.plusYears(1).with(TemporalAdjusters.lastDayOfMonth()) : end);
    }

    private static Optional<LocalDate> iso(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
