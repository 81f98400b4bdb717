package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.AnswerValue;
import dev.herald.voice.core.profile.AnswerRule;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Extracts an answer from an utterance by the question's {@link AnswerRule}. Returns empty when the
 * utterance holds no usable value (the agent then clarifies); "I don't know" is recognized
 * separately by {@link Intents#unsure}. Stateless apart from the call's date.
 */
public final class Extractor {
    private static final Pattern YES = Pattern.compile(
            "\\b(yes|yeah|yep|yup|sure|absolutely|definitely|correct|that's right|that is right|of course|indeed|"
                    + "certainly|affirmative|i am|i do|we do|that's me|that would be me|i'm the one|i make the call|"
                    + "i sign off|i'm the decision maker|uh-huh)\\b");
    private static final Pattern NO = Pattern.compile(
            "\\b(no|nope|nah|not really|not me|i'm not|i am not|we don't|we do not|i don't|never|negative|not at all|"
                    + "not yet|someone else|my boss)\\b");

    private final Timeframes timeframes;

    public Extractor(LocalDate today) {
        this.timeframes = new Timeframes(today);
    }

    public Optional<AnswerValue> extract(AnswerRule rule, String utterance) {
        String text = utterance.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return switch (rule) {
            case AnswerRule.NumberRule n -> Numbers.first(text).map(Numbers.Found::value)
                    .filter(v -> n.min().map(min -> v.compareTo(min) >= 0).orElse(true))
                    .filter(v -> n.max().map(max -> v.compareTo(max) <= 0).orElse(true))
                    .map(AnswerValue.Number::new);
            case AnswerRule.MoneyRule m -> Money.extract(text, m.currency());
            case AnswerRule.YesNoRule y -> yesNo(text);
            case AnswerRule.TimeframeRule t -> timeframes.extract(text);
            case AnswerRule.ChoiceRule c -> choice(c.options(), text);
            case AnswerRule.TextRule t -> text(t.minWords(), text);
        };
    }

    static Optional<AnswerValue> yesNo(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher yes = YES.matcher(lower);
        Matcher no = NO.matcher(lower);
        int y = yes.find() ? yes.start() : Integer.MAX_VALUE;
        int n = no.find() ? no.start() : Integer.MAX_VALUE;
        if (y == Integer.MAX_VALUE && n == Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new AnswerValue.YesNo(y < n)); // a tie ("i am" / "i am not") reads as no
    }

    /** Exactly one option must be named; two different ones are ambiguous and give nothing. */
    private static Optional<AnswerValue> choice(Map<String, List<String>> options, String text) {
        String lower = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}']+", " ") + " ";
        List<String> named = options.entrySet().stream()
                .filter(e -> Stream.concat(Stream.of(e.getKey().replace('_', ' ')), e.getValue().stream())
                        .anyMatch(phrase -> lower.contains(" " + phrase.toLowerCase(Locale.ROOT) + " ")))
                .map(Map.Entry::getKey)
                .toList();
        return named.size() == 1 ? Optional.of(new AnswerValue.Choice(named.getFirst())) : Optional.empty();
    }

    private static Optional<AnswerValue> text(int minWords, String text) {
        long words = Stream.of(text.split("\\s+")).filter(w -> w.chars().anyMatch(Character::isLetterOrDigit)).count();
        return words >= minWords && Intents.unsure(text).isEmpty()
                ? Optional.of(new AnswerValue.Text(text)) : Optional.empty();
    }

}
