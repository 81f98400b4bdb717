package dev.herald.voice.core.qualifier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the first number in an utterance, written in digits ("1,200", "2.5k", "50 grand") or in
 * English words ("a hundred and twenty", "twenty-five thousand", "half a million", "a dozen").
 * A range ("50 to 100") yields its first number, the conservative reading for thresholds.
 */
final class Numbers {
    /** A number found at {@code start} (character index) in the text. */
    record Found(BigDecimal value, int start, int end) {}

    private static final Pattern DIGITS = Pattern.compile(
            "(?<![\\w.])(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?\\s*(k|m|mm|thousand|million|grand|bn|billion)?(?![\\w])",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, Integer> UNITS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
            Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19),
            Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50),
            Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80), Map.entry("ninety", 90),
            Map.entry("dozen", 12));
    private static final Map<String, Long> SCALES = Map.of(
            "hundred", 100L, "thousand", 1_000L, "grand", 1_000L, "million", 1_000_000L, "billion", 1_000_000_000L);
    private static final Pattern WORD = Pattern.compile("[a-z]+");

    private Numbers() {}

    static Optional<Found> first(String text) {
        Optional<Found> digits = digits(text);
        Optional<Found> words = words(text.toLowerCase(Locale.ROOT));
        if (digits.isPresent() && words.isPresent()) {
            return digits.get().start() <= words.get().start() ? digits : words;
        }
        return digits.isPresent() ? digits : words;
    }

    private static Optional<Found> digits(String text) {
        Matcher m = DIGITS.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(m.group(1).replace(",", "") + (m.group(2) == null ? "" : "." + m.group(2)));
        if (m.group(3) != null) {
            value = value.multiply(BigDecimal.valueOf(scale(m.group(3).toLowerCase(Locale.ROOT))));
        }
        return Optional.of(new Found(value.stripTrailingZeros(), m.start(), m.end()));
    }

    private static long scale(String suffix) {
        return switch (suffix) {
            case "k", "thousand", "grand" -> 1_000L;
            case "m", "mm", "million" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
    }

    /** The classic words-to-number fold: units add, "hundred" multiplies, larger scales close a group. */
    private static Optional<Found> words(String lower) {
        List<int[]> spans = new ArrayList<>();
        List<String> toks = new ArrayList<>();
        Matcher m = WORD.matcher(lower);
        while (m.find()) {
            toks.add(m.group());
            spans.add(new int[] {m.start(), m.end()});
        }
        for (int i = 0; i < toks.size(); i++) {
            int j = i;
            boolean half = false;
            if (toks.get(i).equals("half") && i + 2 < toks.size() && isArticle(toks.get(i + 1))
                    && SCALES.containsKey(toks.get(i + 2))) {
                half = true;
                j = i + 2;
            } else if (isArticle(toks.get(i)) && i + 1 < toks.size()
                    && (SCALES.containsKey(toks.get(i + 1)) || toks.get(i + 1).equals("dozen") || toks.get(i + 1).equals("couple"))) {
                j = i + 1;
            } else if (!isNumber(toks.get(i))) {
                continue;
            }
            long total = 0;
            long current = 0;
            int end = spans.get(j)[1];
            for (; j < toks.size(); j++) {
                String w = toks.get(j);
                if (UNITS.containsKey(w)) {
                    current += UNITS.get(w);
                } else if (w.equals("couple")) {
                    current += 2;
                } else if (w.equals("hundred")) {
                    current = Math.max(current, 1) * 100;
                } else if (SCALES.containsKey(w)) {
                    total += Math.max(current, 1) * SCALES.get(w);
                    current = 0;
                } else if ((w.equals("and") || isArticle(w)) && j + 1 < toks.size() && isNumber(toks.get(j + 1))) {
                    continue;
                } else {
                    break;
                }
                end = spans.get(j)[1];
            }
            BigDecimal value = BigDecimal.valueOf(total + current);
            if (half) {
                value = value.divide(BigDecimal.valueOf(2));
            }
            return Optional.of(new Found(value.stripTrailingZeros(), spans.get(i)[0], end));
        }
        return Optional.empty();
    }

    private static boolean isArticle(String w) {
        return w.equals("a") || w.equals("an");
    }

    private static boolean isNumber(String w) {
        return UNITS.containsKey(w) || SCALES.containsKey(w);
    }
}
