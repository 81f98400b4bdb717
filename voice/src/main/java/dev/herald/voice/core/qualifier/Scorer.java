package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.AnswerValue;
import dev.herald.voice.core.call.ExtractedAnswer;
import dev.herald.voice.core.profile.AnswerRule;
import dev.herald.voice.core.profile.Condition;
import dev.herald.voice.core.profile.Criterion;
import dev.herald.voice.core.profile.Objective;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Scores answers against an objective's criteria: the score is the met share of the total weight
 * (0..100, rounded down); the lead qualifies when the score reaches the passing score and every
 * required criterion is met. An unanswered question meets nothing. Money compares per year in
 * the question's currency; another currency never meets a threshold (no exchange rates here).
 */
public final class Scorer {
    public record Score(int score, boolean qualified) {}

    private Scorer() {}

    public static Score score(Objective objective, Map<String, ExtractedAnswer> answers) {
        int total = 0;
        int met = 0;
        boolean requiredMet = true;
        for (Criterion c : objective.criteria()) {
            total += c.weight();
            Optional<AnswerRule> rule = objective.question(c.questionKey()).map(q -> q.rule());
            boolean ok = Optional.ofNullable(answers.get(c.questionKey()))
                    .map(a -> meets(c.condition(), a.value(), rule.orElse(null)))
                    .orElse(false);
            if (ok) {
                met += c.weight();
            } else if (c.required()) {
                requiredMet = false;
            }
        }
        int score = total == 0 ? 0 : (int) ((long) met * 100 / total);
        return new Score(score, requiredMet && score >= objective.passingScore());
    }

    static boolean meets(Condition condition, AnswerValue value, AnswerRule rule) {
        return switch (condition) {
            case Condition.AtLeast a -> quantity(value, rule).map(q -> q.compareTo(a.value()) >= 0).orElse(false);
            case Condition.AtMost a -> quantity(value, rule).map(q -> q.compareTo(a.value()) <= 0).orElse(false);
            case Condition.Is is -> value instanceof AnswerValue.YesNo yn && yn.yes() == is.yes();
            case Condition.OneOf one -> value instanceof AnswerValue.Choice c && one.options().contains(c.option());
            case Condition.WithinDays w -> value instanceof AnswerValue.Timeframe t && t.daysFromCall() <= w.days();
            case Condition.Answered a -> !(value instanceof AnswerValue.Unknown);
        };
    }

    private static Optional<BigDecimal> quantity(AnswerValue value, AnswerRule rule) {
        return switch (value) {
            case AnswerValue.Number n -> Optional.of(n.value());
            case AnswerValue.Money m -> rule instanceof AnswerRule.MoneyRule mr && !mr.currency().equals(m.currency())
                    ? Optional.empty() : Optional.of(Money.perYear(m));
            default -> Optional.empty();
        };
    }
}
